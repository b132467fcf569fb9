using NasPipeline.Adaptation.Planning;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Adaptation.Tests;

/// <summary>The Adapt stage's steps for FNA's architecture adaptation: a start, its chunks in order, each from the state
/// the last one left, then one derivation; it goes before the fine-tunes the search asks for, and a restart continues at
/// the first step the stream lacks.</summary>
public sealed class ArchitectureAdaptationDeciderTests
{
    private static readonly Guid Run = Guid.NewGuid();
    private static readonly AdaptDecider Decider = new(SearchSpaceRegistry.CreateDefault());
    private static readonly string Seed = new('a', 64);
    private static readonly ModelSubmitted Submission = new(Run, DateTimeOffset.UnixEpoch, new OnnxModelRef(Seed, "seed.onnx", 10), null,
        ["1x1x28x28"], ["classification"], [], [], 7, Fna: new FnaOptions(0.5));

    private static readonly ArchitectureAdaptationSettings Settings = new(1, 1, 5, 10, 4, 128, 32, 1e-3, 0.02, 0.5, null, 1280, 1);

    [Fact]
    public void The_adaptation_starts_trains_its_chunks_in_order_from_the_last_state_then_derives_once()
    {
        var request = new AdaptArchitecture(Run, Guid.NewGuid(), Seed, "classification", new FnaOptions(0.5), 7);
        var events = new List<IRunMessage> { Submission, request };
        var steps = new List<AdaptStep>();
        while (Decider.Next(Fold(events)) is var step && step is not AdaptIdle && steps.Count < 20)
        {
            steps.Add(step);
            events.Add(step switch
            {
                StartArchitectureStep start => new ArchitectureAdaptationStarted(Run, start.Request.RequestId, start.Request.Task, Seed, "seed", 9_000_000, Settings,
                    start.Seed),
                ArchitectureChunkStep chunk => new ArchitectureChunkTrained(Run, chunk.Started.RequestId, chunk.Chunk, chunk.Chunks, chunk.ToStep, 10, 1.0, null, 0.1,
                    $"state-{chunk.Chunk}"),
                DeriveArchitectureStep derive => new ArchitectureDerived(Run, derive.Started.RequestId, "classification", "derived", [], 1, 1, new string('d', 64), 2, 3),
                _ => throw new InvalidOperationException(step.ToString()),
            });
        }

        Assert.Equal(["start", "chunk 0/3 0-4 from -", "chunk 1/3 4-8 from state-0", "chunk 2/3 8-10 from state-1", "derive from state-2"], steps.Select(Describe));
        var first = Assert.IsType<StartArchitectureStep>(steps[0]);
        Assert.NotEqual(request.Seed, first.Seed);
        Assert.Equal(first.Seed, Assert.IsType<StartArchitectureStep>(Decider.Next(Fold([Submission, request]))).Seed);
    }

    [Fact]
    public void A_restart_mid_adaptation_continues_at_the_first_chunk_the_stream_lacks_and_fine_tunes_wait_for_the_derivation()
    {
        var request = new AdaptArchitecture(Run, Guid.NewGuid(), Seed, "classification", new FnaOptions(0.5), 7);
        var started = new ArchitectureAdaptationStarted(Run, request.RequestId, "classification", Seed, "seed", 9_000_000, Settings, 3);
        var chunk0 = new ArchitectureChunkTrained(Run, request.RequestId, 0, 3, 4, 10, 1.0, null, 0.1, "state-0");
        // A fine-tune asked for meanwhile (another run's shape; the search asks only after the derivation) waits its turn.
        var fineTune = new AdaptSubnet(Run, Guid.NewGuid(), 0, Candidate.Model(Seed), ["classification"], 7);

        var next = Assert.IsType<ArchitectureChunkStep>(Decider.Next(Fold([Submission, request, fineTune, started, chunk0])));

        Assert.Equal((1, 3, 4, 8, "state-0"), (next.Chunk, next.Chunks, next.FromStep, next.ToStep, next.FromStateBlobHash));
        var derived = new ArchitectureDerived(Run, request.RequestId, "classification", "derived", [], 1, 1, new string('d', 64), 2, 3);
        Assert.IsType<StartFineTuneStep>(Decider.Next(Fold([Submission, request, fineTune, started, chunk0, derived])));
        Assert.IsType<AdaptIdle>(Decider.Next(Fold([Submission, request, started, chunk0, new RunFailed(Run, "adapt", "x", DateTimeOffset.UnixEpoch)])));
    }

    private static string Describe(AdaptStep step) => step switch
    {
        StartArchitectureStep => "start",
        ArchitectureChunkStep c => $"chunk {c.Chunk}/{c.Chunks} {c.FromStep}-{c.ToStep} from {c.FromStateBlobHash ?? "-"}",
        DeriveArchitectureStep d => $"derive from {d.StateBlobHash}",
        _ => step.ToString()!,
    };

    private static AdaptRunState Fold(IEnumerable<IRunMessage> events) => events.Aggregate(AdaptRunState.Empty, (s, e) => s.Evolve(e));
}
