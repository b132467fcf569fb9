using NasPipeline.Adaptation.Planning;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Adaptation.Tests;

/// <summary>The Adapt stage's steps for an ONNX-model candidate: per task a start and its chunks in order, then one measurement.</summary>
public sealed class NetworkFineTuneDeciderTests
{
    private static readonly Guid Run = Guid.NewGuid();
    private static readonly AdaptationSettings Settings = new(TotalSteps: 10, ChunkSteps: 4, BatchSize: 32, LearningRate: 1e-3, WeightDecay: 0, TrainImages: 512, Threads: 1);
    private static readonly AdaptDecider Decider = new(SearchSpaceRegistry.CreateDefault());
    private static readonly ModelSubmitted Submission = new(Run, DateTimeOffset.UnixEpoch, new OnnxModelRef(new string('a', 64), "m.onnx", 10), null,
        ["1x1x28x28"], ["classification", "segmentation"], [], [], 7);

    [Fact]
    public void A_network_is_fine_tuned_task_by_task_in_chunks_that_resume_from_the_last_state_then_measured_once()
    {
        var request = new AdaptSubnet(Run, Guid.NewGuid(), 0, Candidate.Model(new string('b', 64)), ["classification", "segmentation"], 7);
        var events = new List<IRunMessage> { Submission, request };
        var steps = new List<AdaptStep>();
        while (Decider.Next(Fold(events)) is var step && step is not AdaptIdle && steps.Count < 20)
        {
            steps.Add(step);
            events.Add(step switch
            {
                StartFineTuneStep start => new NetworkFineTuneStarted(Run, start.Request.RequestId, start.Task, start.Request.Candidate.Name, [1, 1, 28, 28],
                    "as is", "own output", Settings, start.Seed),
                FineTuneChunkStep chunk => new NetworkChunkTrained(Run, chunk.FineTune.RequestId, chunk.FineTune.Task, chunk.Chunk, chunk.Chunks, chunk.ToStep,
                    10, 1.0, 0.1, $"{chunk.FineTune.Task}-{chunk.Chunk}"),
                MeasureNetworkStep measure => new SubnetAdapted(Run, measure.Request.RequestId, measure.Request.Candidate,
                    new Dictionary<string, double> { ["classification"] = 0.5 }, "w", 7),
                _ => throw new InvalidOperationException(step.ToString()),
            });
        }

        Assert.Equal(
            ["start classification", "chunk classification 0-4 from -", "chunk classification 4-8 from classification-0", "chunk classification 8-10 from classification-1",
                "start segmentation", "chunk segmentation 0-4 from -", "chunk segmentation 4-8 from segmentation-0", "chunk segmentation 8-10 from segmentation-1",
                "measure classification@classification-2 segmentation@segmentation-2"],
            steps.Select(Describe));
        var starts = steps.OfType<StartFineTuneStep>().ToList();
        Assert.All(starts, s => Assert.Equal(["1x1x28x28"], s.InputShapes));
        Assert.NotEqual(starts[0].Seed, starts[1].Seed);
    }

    [Fact]
    public void A_restart_mid_fine_tune_continues_at_the_first_chunk_the_stream_lacks()
    {
        var request = new AdaptSubnet(Run, Guid.NewGuid(), 0, Candidate.Model(new string('b', 64)), ["classification"], 7);
        var started = new NetworkFineTuneStarted(Run, request.RequestId, "classification", request.Candidate.Name, [1, 1, 28, 28], "as is", "own output", Settings, 3);
        var chunk0 = new NetworkChunkTrained(Run, request.RequestId, "classification", 0, 3, 4, 10, 1.0, 0.1, "state-0");

        var next = Assert.IsType<FineTuneChunkStep>(Decider.Next(Fold([Submission, request, started, chunk0])));

        Assert.Equal((1, 3, 4, 8, "state-0"), (next.Chunk, next.Chunks, next.FromStep, next.ToStep, next.FromStateBlobHash));
        Assert.False(next.IsLast);
    }

    private static string Describe(AdaptStep step) => step switch
    {
        StartFineTuneStep s => $"start {s.Task}",
        FineTuneChunkStep c => $"chunk {c.FineTune.Task} {c.FromStep}-{c.ToStep} from {c.FromStateBlobHash ?? "-"}",
        MeasureNetworkStep m => $"measure {string.Join(" ", m.FineTunes.Select(f => $"{f.Started.Task}@{f.StateBlobHash}"))}",
        _ => step.ToString()!,
    };

    private static AdaptRunState Fold(IEnumerable<IRunMessage> events) => events.Aggregate(AdaptRunState.Empty, (s, e) => s.Evolve(e));
}
