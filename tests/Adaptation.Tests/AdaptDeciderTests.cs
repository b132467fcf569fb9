using NasPipeline.Adaptation.Planning;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Adaptation.Tests;

public sealed class AdaptDeciderTests
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly ISearchSpace Space = Spaces.Get("mbv3-28");
    private static readonly Guid Run = Guid.NewGuid();
    private static readonly AdaptationSettings Settings = new(TotalSteps: 10, ChunkSteps: 4, BatchSize: 32, LearningRate: 1e-3, WeightDecay: 0, TrainImages: 512, Threads: 1);
    private static readonly AdaptDecider Decider = new(Spaces);

    private static string Name(IReadOnlyList<int> genes) => CandidateCodec.Encode("mbv3-28", genes);

    private static AdaptSubnet Request(int iteration, IReadOnlyList<int> genes, params string[] tasks) =>
        new(Run, Guid.NewGuid(), iteration, Candidate.Point(Name(genes)), tasks.Length == 0 ? ["classification"] : tasks, 5);

    private static GenerationCompleted Generation(params IReadOnlyList<int>[] admitted) =>
        new(Run, 0, 0, [], 0, 5, new SelectedPopulation(admitted.Select(Name).ToList(), [], [], null));

    private static AdaptRunState Fold(params IRunMessage[] events) => events.Aggregate(AdaptRunState.Empty, (s, e) => s.Evolve(e));

    private static SupernetAdaptationStarted Started(StartAdaptationStep step, string basis = "base") =>
        new(Run, step.Iteration, step.Task, step.Space, basis, "test", step.ArchiveSize, step.Distribution, Settings, step.Seed);

    [Fact]
    public void With_nothing_pending_it_idles()
    {
        Assert.IsType<AdaptIdle>(Decider.Next(AdaptRunState.Empty));
        Assert.IsType<AdaptIdle>(Decider.Next(Fold(Generation(Space.Smallest))));
    }

    [Fact]
    public void A_request_starts_its_iteration_from_the_archive_as_it_was_when_the_request_came()
    {
        var request = Request(0, Space.Largest);
        var late = Space.Smallest.ToArray();
        late[0] = 1;

        var step = Assert.IsType<StartAdaptationStep>(Decider.Next(Fold(Generation(Space.Smallest, Space.Largest), request, Generation(late))));

        Assert.Equal(2, step.ArchiveSize);
        Assert.Null(step.Base);
        Assert.Equal("classification", step.Task);
        Assert.Equal(AdaptDecider.AdaptationSeed(5, 0, 0), step.Seed);
        var gene0 = new double[Space.Genes[0].Choices];
        gene0[Space.Smallest[0]] += 0.5;
        gene0[Space.Largest[0]] += 0.5;
        Assert.Equal(gene0, step.Distribution[0]);
    }

    [Fact]
    public void Chunks_follow_in_order_each_from_the_state_the_last_one_left_and_the_last_one_is_marked()
    {
        var request = Request(0, Space.Largest);
        var start = Assert.IsType<StartAdaptationStep>(Decider.Next(Fold(Generation(Space.Largest), request)));
        var started = Started(start);

        var first = Assert.IsType<TrainChunkStep>(Decider.Next(Fold(Generation(Space.Largest), request, started)));
        var chunk0 = new SupernetChunkTrained(Run, 0, "classification", 0, 3, 4, 10, 1.0, 1.0, "state0");
        var second = Assert.IsType<TrainChunkStep>(Decider.Next(Fold(Generation(Space.Largest), request, started, chunk0)));
        var chunk1 = chunk0 with { Chunk = 1, StepsDone = 8, StateBlobHash = "state1" };
        var third = Assert.IsType<TrainChunkStep>(Decider.Next(Fold(Generation(Space.Largest), request, started, chunk0, chunk1)));

        Assert.Equal((0, 3, 0, 4, null, false), (first.Chunk, first.Chunks, first.FromStep, first.ToStep, first.FromStateBlobHash, first.IsLast));
        Assert.Equal((1, 4, 8, "state0"), (second.Chunk, second.FromStep, second.ToStep, second.FromStateBlobHash));
        Assert.Equal((2, 8, 10, "state1", true), (third.Chunk, third.FromStep, third.ToStep, third.FromStateBlobHash, third.IsLast));
    }

    [Fact]
    public void Once_every_task_is_adapted_the_oldest_pending_request_is_measured_and_answered_ones_are_not()
    {
        var first = Request(0, Space.Largest, "classification", "segmentation");
        var second = Request(0, Space.Smallest, "classification", "segmentation");
        var adapted = new[] { "classification", "segmentation" }.Select(t => new SupernetAdapted(Run, 0, t, "mbv3-28", "base", $"ckpt-{t}", 10, 1, 9)).ToArray();
        var events = new List<IRunMessage> { Generation(Space.Largest), first, second };
        events.AddRange(adapted);

        var measure = Assert.IsType<MeasureStep>(Decider.Next(Fold([.. events])));
        events.Add(new SubnetAdapted(Run, first.RequestId, first.Candidate, new Dictionary<string, double> { ["classification"] = 0.8 }, "ckpt", 9));
        var next = Assert.IsType<MeasureStep>(Decider.Next(Fold([.. events])));

        Assert.Equal(first.RequestId, measure.Request.RequestId);
        Assert.Equal(["ckpt-classification", "ckpt-segmentation"], measure.Supernets.Values.Select(s => s.CheckpointBlobHash).Order());
        Assert.Equal(second.RequestId, next.Request.RequestId);
    }

    [Fact]
    public void The_next_iteration_starts_from_the_last_adapted_version_and_a_recorded_supernet_comes_before_the_default()
    {
        var trained = new SupernetTrained(Run, "mbv3-28", "classification", new SupernetTrainingSettings(1, 1, 1, 1, 0, 2, true, true, 1), [], "recorded", [], 1);
        var iteration0 = Request(0, Space.Largest);
        var iteration1 = Request(1, Space.Smallest);
        var adapted0 = new SupernetAdapted(Run, 0, "classification", "mbv3-28", "recorded", "version1", 10, 1, 9);
        var answered0 = new SubnetAdapted(Run, iteration0.RequestId, iteration0.Candidate, new Dictionary<string, double> { ["classification"] = 0.8 }, "version1", 9);

        var fromRecorded = Assert.IsType<StartAdaptationStep>(Decider.Next(Fold(trained, Generation(Space.Largest), iteration0)));
        var fromAdapted = Assert.IsType<StartAdaptationStep>(Decider.Next(Fold(trained, Generation(Space.Largest), iteration0, adapted0, answered0, iteration1)));

        Assert.Equal("recorded", fromRecorded.Base!.CheckpointBlobHash);
        Assert.Equal("version1", fromAdapted.Base!.CheckpointBlobHash);
        Assert.Equal(1, fromAdapted.Iteration);
    }

    [Fact]
    public void A_finished_run_idles_and_a_graph_candidate_is_refused_with_a_reason()
    {
        var request = Request(0, Space.Largest);
        var graph = request with { Candidate = Candidate.Graph(new string('a', 64)) };

        Assert.IsType<AdaptIdle>(Decider.Next(Fold(request, new RunFailed(Run, "search", "x", DateTimeOffset.UnixEpoch))));
        var error = Assert.Throws<AdaptationException>(() => Decider.Next(Fold(graph)));
        Assert.Contains("has no weights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_initial_archive_is_measured_with_the_starting_supernet_and_measured_before_any_later_iteration()
    {
        var initial = Request(AdaptSubnet.InitialArchive, Space.Smallest);
        var later = Request(0, Space.Largest);

        var start = Assert.IsType<StartAdaptationStep>(Decider.Next(Fold(Generation(Space.Largest), initial, later)));
        var adapted = new SupernetAdapted(Run, AdaptSubnet.InitialArchive, "classification", "mbv3-28", "base", "base", 0, 0, start.Seed);
        var measure = Assert.IsType<MeasureStep>(Decider.Next(Fold(Generation(Space.Largest), initial, later, Started(start), adapted)));

        Assert.True(start.MeasureOnly);
        Assert.False(Assert.IsType<StartAdaptationStep>(Decider.Next(Fold(Generation(Space.Largest), later))).MeasureOnly);
        Assert.Equal(initial.RequestId, measure.Request.RequestId);
    }
}
