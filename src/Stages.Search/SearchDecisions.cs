using Marten;
using NasPipeline.Contracts;
using NasPipeline.Hosting.Blobs;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Search.Loop;

namespace NasPipeline.Stages.Search;

/// <summary>
/// One step of the search for a run: fold its stream, decide, append the decisions once per triggering message.
/// A trigger the stream does not hold yet (published but appended by nobody) is appended first, so the fold sees
/// it. Returns the decisions to publish, never the trigger (re-publishing it would feed it back to this stage
/// forever). A redelivered trigger gets the stored decisions back; a replica that died after committing loses nothing.
/// </summary>
public sealed class SearchDecisions(RunEventWriter writer, IDocumentStore store, IBlobStore blobs, SearchPolicy policy, MutationPolicy mutation)
{
    public const string StageName = "search";

    public async Task<IReadOnlyList<IRunMessage>> HandleAsync(IRunMessage trigger, string triggerKey, CancellationToken cancellationToken) =>
        (await AppendAsync(trigger, triggerKey, cancellationToken)).Where(SearchPolicy.IsDecision).ToList();

    private Task<IReadOnlyList<IRunMessage>> AppendAsync(IRunMessage trigger, string triggerKey, CancellationToken cancellationToken) =>
        writer.AppendOnceAsync(trigger.RunId, $"{StageName}/{triggerKey}", async _ =>
        {
            await using var session = store.QuerySession();
            var stream = (await session.Events.FetchStreamAsync(trigger.RunId, token: cancellationToken)).Select(e => e.Data).ToList();
            var missing = stream.Any(e => e.Equals(trigger) || SameRequest(e, trigger)) ? [] : new List<IRunMessage> { trigger };
            var state = RunState.Fold(stream.Concat(missing));
            return [.. missing, .. await DecideAsync(state, cancellationToken)];
        }, cancellationToken);

    /// <summary>A search-space point runs NAT's loop; a submitted ONNX network runs the mutation search, whose
    /// mutants' graphs go to the blob store before the request naming them is appended.</summary>
    private async Task<IReadOnlyList<IRunMessage>> DecideAsync(RunState state, CancellationToken cancellationToken)
    {
        if (state.Submission?.Onnx is not { } onnx || state.Graph is null || state.Finished)
        {
            return policy.Decide(state);
        }

        var bytes = await blobs.GetAsync(onnx.BlobHash, cancellationToken)
            ?? throw new InvalidOperationException($"The submitted model (blob {onnx.BlobHash}) left the blob store after its graph was extracted.");
        var decision = mutation.Decide(state, bytes);
        foreach (var (hash, content) in decision.Blobs)
        {
            var stored = await blobs.PutAsync(content, hash == decision.ModelHash ? BlobMediaTypes.Onnx : BlobMediaTypes.Graph, cancellationToken);
            if (stored != hash)
            {
                throw new InvalidOperationException($"The blob store named a mutant {stored}, not its SHA-256 {hash}.");
            }
        }

        return decision.Messages;
    }

    /// <summary>Records hold lists, so value equality misses a deserialised copy; the request id identifies it.</summary>
    private static bool SameRequest(object stored, IRunMessage trigger) => (stored, trigger) switch
    {
        (Contracts.Events.CandidateScored a, Contracts.Events.CandidateScored b) => a.RequestId == b.RequestId && a.Batch == b.Batch,
        (Contracts.Events.SubnetAdapted a, Contracts.Events.SubnetAdapted b) => a.RequestId == b.RequestId,
        (Contracts.Events.GraphExtracted a, Contracts.Events.GraphExtracted b) => a.RunId == b.RunId,
        _ => false,
    };
}
