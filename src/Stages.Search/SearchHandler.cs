using NasPipeline.Contracts;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Search.Loop;

namespace NasPipeline.Stages.Search;

/// <summary>
/// The Search stage's one step for a run: the writer folds the run's stream into a <see cref="RunState"/>, a decider
/// takes the next step from it (NAT's loop for a search-space point, the mutation search for a submitted ONNX network,
/// FNA for one submitted with <c>--fna</c>),
/// and the decisions are appended once per triggering message and returned to be published. The trigger itself was
/// appended by the stage that produced it. A redelivered trigger gets the stored decisions back.
/// </summary>
public sealed class SearchHandler(RunEventWriter writer, IBlobStore blobs, NatSearchDecider nat, MutationSearchDecider mutation, FnaSearchDecider fna)
{
    public const string StageName = "search";

    private static readonly RunFold<RunState> Fold = new(RunState.Empty, (state, e) => state.Evolve(e));

    public Task<IReadOnlyList<IRunMessage>> HandleAsync(IRunMessage trigger, string triggerKey, CancellationToken cancellationToken) =>
        writer.DecideOnceAsync(trigger.RunId, $"{StageName}/{triggerKey}", Fold, DecideAsync, cancellationToken);

    /// <summary>The mutation search's decisions name its mutants' graphs and the kept network by hash: those go to the
    /// blob store before the decisions are appended.</summary>
    private async Task<IReadOnlyList<IRunMessage>> DecideAsync(RunState state, CancellationToken cancellationToken)
    {
        if (state.Submission?.Onnx is not { } onnx || state.Graph is null || state.Finished)
        {
            return nat.Decide(state);
        }

        if (state.Submission.Fna is not null)
        {
            return fna.Decide(state);
        }

        var bytes = await blobs.GetAsync(onnx.BlobHash, cancellationToken)
            ?? throw new InvalidOperationException($"The submitted model (blob {onnx.BlobHash}) left the blob store after its graph was extracted.");
        var decision = mutation.Decide(state, bytes);
        foreach (var (hash, content) in decision.Blobs)
        {
            await PutAsync(hash, content, BlobMediaTypes.Graph, cancellationToken);
        }

        if (decision.Kept is { } kept)
        {
            await PutAsync(Contracts.Model.ContentHash.Of(kept.Onnx), kept.Onnx, BlobMediaTypes.Onnx, cancellationToken);
        }

        foreach (var (hash, model) in decision.Models ?? new Dictionary<string, byte[]>())
        {
            await PutAsync(hash, model, BlobMediaTypes.Onnx, cancellationToken);
        }

        return decision.Messages;
    }

    private async Task PutAsync(string hash, byte[] content, string mediaType, CancellationToken cancellationToken)
    {
        var stored = await blobs.PutAsync(content, mediaType, cancellationToken);
        if (stored != hash)
        {
            throw new InvalidOperationException($"The blob store named a blob {stored}, not its SHA-256 {hash}.");
        }
    }
}
