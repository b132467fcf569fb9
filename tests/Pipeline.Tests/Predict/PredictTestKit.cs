using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NasPipeline.ArchitectureData;
using NasPipeline.ComputationGraph;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Candidates;
using NasPipeline.Prediction.Defaults;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Refitting;
using NasPipeline.Prediction.Registry;
using NasPipeline.Prediction.Planning;
using NasPipeline.Stages.Predict;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.TorchRuntime;
using NasPipeline.Prediction.Store;
using NasPipeline.Latency;

namespace NasPipeline.Tests.Predict;

/// <summary>A Predict stage over the fixture's store (no bus), small settings, and mbv3-28 points with a made-up
/// label (a function of the genes) to train and register predictors on.</summary>
public sealed class PredictTestKit(PipelineFixture fixture)
{
    public static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    public static readonly ISearchSpace Space = Spaces.Get("mbv3-28");

    public PredictSettings Settings { get; init; } = SmallDefaultPredictor.Apply(new() { BatchSize = 3, MinRefitSamples = 6, ValidationFolds = 3, RbfMembers = 40, AdapterEpochs = 3 });

    public CandidateResolver Resolver => new(Spaces, fixture.Blobs, new OnnxGraphExtractor());

    public ModelCache Models { get; } = new(fixture.Blobs);

    public PredictorRegistry Registry => new(fixture.Store);

    /// <summary>A stage's default predictor as a fresh process has it: nothing known in memory, the store shared.</summary>
    public DefaultPredictor Default(ILogger<DefaultPredictor>? log = null) =>
        new(Settings, Registry, fixture.Blobs, fixture.Settings, log ?? NullLogger<DefaultPredictor>.Instance);

    public PredictHandler Service(DefaultPredictor? defaults = null) => new(fixture.Writer, fixture.Blobs,
        new StartingPredictors(Registry, defaults ?? Default()), Models, Resolver, new OnlineRefit(Resolver, Settings),
        new PredictDecider(Settings, PredictTestKit.Spaces), Latency, TimeProvider.System);

    /// <summary>Short timings (1 warm-up, 5 runs): the tests check what is recorded and cached, not the figure.</summary>
    public SubnetLatency Latency => new(Spaces, new OnnxLatencyMeter(new LatencySettings(Threads: 1, WarmupRuns: 1, TimedRuns: 5)), new MartenLatencyCache(fixture.Store, TimeProvider.System));

    /// <summary>The Adapt stage appends what it measured before publishing it; the test plays that part.</summary>
    public async Task<IReadOnlyList<IRunMessage>> LearnAsync(PredictHandler service, SubnetAdapted adapted)
    {
        await fixture.Writer.AppendAsync(adapted.RunId, [adapted]);
        return await service.LearnAsync(adapted, adapted.RequestId, default);
    }

    public static IReadOnlyList<Candidate> Points(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Point(Space.Repair(Space.Sample(random)))).Distinct().ToList();
    }

    public static Candidate Point(IReadOnlyList<int> genes) => Candidate.Point(CandidateCodec.Encode(Space.Name, genes));

    /// <summary>Wider and deeper scores higher: something a predictor can learn from genes or graphs.</summary>
    public static double Label(Candidate candidate) => CandidateCodec.Genes(candidate.Name).Sum() / 40.0;

    /// <summary>Trains a tiny GNN + K-Adapter predictor on mbv3-28 points and registers it for the task.</summary>
    public async Task<TaskPredictorRegistration> RegisterGnnAsync(string task)
    {
        TorchEnvironment.Initialise(new TorchOptions { Threads = 2, Device = TorchDeviceKind.Cpu });
        var options = new GnnTrainingOptions { Epochs = 3, Adapters = 2 };
        var request = new PredictorTrainingRequest(task, await DatasetAsync("test points", 16, seed: 3), null, options, options, ValidationShare: 0.25, Seed: 1, TrainSize: null);
        return (await new PredictorTrainer(fixture.Blobs, Registry, TimeProvider.System).TrainAsync(request)).Registration;
    }

    /// <summary><see cref="Points"/> with their graphs and <see cref="Label"/> as the metric "label", as `nasp data import` gives them.</summary>
    public async Task<LabelledArchitectures> DatasetAsync(string name, int count, int seed)
    {
        var records = new List<ArchitectureRecord>();
        foreach (var point in Points(count, seed))
        {
            var label = new Dictionary<string, double> { ["label"] = Label(point) };
            records.Add(ArchitectureRecord.FromGraph(point.Name, await Resolver.GraphAsync(point, default), label, Space.Name, point.Name));
        }

        return new LabelledArchitectures(name, "label", records);
    }

    /// <summary>A run whose stream holds just its submission (the seed the stage's refits derive from).</summary>
    public Task<ModelSubmitted> StartRunAsync(params string[] tasks) => StartRunAsync(tasks, []);

    public async Task<ModelSubmitted> StartRunAsync(IReadOnlyList<string> tasks, IReadOnlyList<Objective> costs)
    {
        var submission = new ModelSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow, null, new SearchSpacePoint(Space.Name, Space.Smallest), [],
            tasks, tasks.Select(t => new Objective(t, ObjectiveDirection.Maximize)).Concat(costs).ToList(), [], Seed: 11);
        await fixture.Writer.AppendAsync(submission.RunId, [submission]);
        return submission;
    }

    public static SubnetAdapted Measured(Guid runId, Candidate candidate, string task) =>
        new(runId, Guid.NewGuid(), candidate, new Dictionary<string, double> { [task] = Label(candidate) }, "weights", 0);
}
