using Microsoft.Extensions.Logging;
using NasPipeline.Adaptation.Nat;
using NasPipeline.Adaptation.Planning;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Telemetry;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Training;
using NasPipeline.SupernetHosting;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Stages.Adapt;

/// <summary>
/// The Adapt stage's one step for a run, once per triggering message: the writer folds the stream into an
/// <see cref="AdaptRunState"/>, <see cref="AdaptDecider"/> names the next piece of work (start an adaptation, train its
/// next chunk, measure a subnet; or the same for a network's fine-tune, which <see cref="NetworkFineTunes"/> does, or
/// for FNA's architecture adaptation, which <see cref="ArchitectureAdaptations"/> does), this class does it and the outcome is appended and published. The stage's own events
/// trigger its next step, so a long adaptation is a chain of short messages; a crash loses at most the chunk in hand,
/// which the redelivered message trains again from the last stored state.
/// </summary>
public sealed class AdaptHandler(
    RunEventWriter writer, IBlobStore blobs, AdaptDecider decider, AdaptSettings settings, DefaultSupernets defaults, TaskDataCache data,
    NetworkFineTunes networks, ArchitectureAdaptations architectures, SearchSpaceRegistry spaces, TaskRegistry tasks, TimeProvider clock, ILogger<AdaptHandler> log)
{
    public const string StageName = "adapt";

    private static readonly RunFold<AdaptRunState> Fold = new(AdaptRunState.Empty, (state, e) => state.Evolve(e));

    private readonly LoadedSupernet _loaded = new(blobs, spaces);

    // A chunk or a measurement takes seconds to minutes, and the other stages append to the run meanwhile, so the
    // append that records it often loses its race and the step is decided again: the same step, with the same result.
    private readonly RetriedWorkResults<IReadOnlyList<IRunMessage>> _retried = new();

    /// <param name="triggerKey">Unique among all runs' messages (dedupe markers are global): it names the run, or a request id.</param>
    public Task<IReadOnlyList<IRunMessage>> HandleAsync(IRunMessage trigger, string triggerKey, CancellationToken cancellationToken) =>
        writer.DecideOnceAsync(trigger.RunId, $"{StageName}/{triggerKey}", Fold, async (state, token) =>
        {
            try
            {
                TorchStep.Prepare(settings.Threads);

                return await ExecuteAsync(trigger.RunId, decider.Next(state), token);
            }
            catch (AdaptationException e)
            {
                return [new RunFailed(trigger.RunId, StageName, e.Message, clock.GetUtcNow())];
            }
        }, cancellationToken);

    private async Task<IReadOnlyList<IRunMessage>> ExecuteAsync(Guid runId, AdaptStep step, CancellationToken cancellationToken) => step switch
    {
        AdaptIdle => [],
        StartAdaptationStep start => await StartAsync(runId, start, cancellationToken),
        TrainChunkStep chunk => await _retried.GetOrRunAsync(WorkKey(runId, chunk),
            () => PipelineTelemetry.TraceAsync("adapt", runId, () => TrainAsync(runId, chunk, cancellationToken))),
        MeasureStep measure => await _retried.GetOrRunAsync(WorkKey(runId, measure),
            async () => [await PipelineTelemetry.TraceAsync("measure", runId, () => MeasureAsync(runId, measure, cancellationToken))]),
        StartFineTuneStep start => await networks.StartAsync(runId, start, cancellationToken),
        FineTuneChunkStep chunk => await _retried.GetOrRunAsync(
            $"finetune/{runId}/{chunk.FineTune.RequestId}/{chunk.FineTune.Task}/{chunk.Chunk}",
            () => PipelineTelemetry.TraceAsync("train", runId, () => networks.TrainAsync(runId, chunk, cancellationToken))),
        MeasureNetworkStep measure => await _retried.GetOrRunAsync(
            $"measure-network/{runId}/{measure.Request.RequestId}", async () => [await networks.MeasureAsync(runId, measure, cancellationToken)]),
        StartArchitectureStep start => await architectures.StartAsync(runId, start, cancellationToken),
        ArchitectureChunkStep chunk => await _retried.GetOrRunAsync(
            $"architecture/{runId}/{chunk.Started.RequestId}/{chunk.Chunk}/{chunk.FromStateBlobHash}",
            () => PipelineTelemetry.TraceAsync("train", runId, () => architectures.TrainAsync(runId, chunk, cancellationToken))),
        DeriveArchitectureStep derive => await _retried.GetOrRunAsync(
            $"derive/{runId}/{derive.Started.RequestId}/{derive.StateBlobHash}", () => architectures.DeriveAsync(runId, derive, cancellationToken)),
        _ => throw new InvalidOperationException($"Unknown adaptation step {step.GetType().Name}."),
    };

    private async Task<IReadOnlyList<IRunMessage>> StartAsync(Guid runId, StartAdaptationStep start, CancellationToken cancellationToken)
    {
        var basis = start.Base ?? await defaults.GetAsync(spaces.Get(start.Space), Task(start.Task), settings.Supernets, cancellationToken);
        var steps = start.MeasureOnly ? 0 : settings.TotalSteps;
        log.LogInformation("Run {Run}: {What} the {Space} supernet for {Task}, iteration {Iteration}, from {Source}: {Steps} steps on subnets drawn from {Archive} archived candidates",
            runId, start.MeasureOnly ? "measuring with" : "adapting", start.Space, start.Task, start.Iteration, basis.Source, steps, start.ArchiveSize);
        var started = new SupernetAdaptationStarted(runId, start.Iteration, start.Task, start.Space, basis.CheckpointBlobHash, basis.Source, start.ArchiveSize,
            start.Distribution, new AdaptationSettings(steps, settings.ChunkSteps, settings.BatchSize, settings.LearningRate, settings.WeightDecay,
                settings.TrainImages, TorchThreads()), start.Seed);

        // Nothing to train: the starting supernet is this iteration's version as it is.
        return start.MeasureOnly
            ? [started, new SupernetAdapted(runId, start.Iteration, start.Task, start.Space, basis.CheckpointBlobHash, basis.CheckpointBlobHash, 0, 0, start.Seed)]
            : [started];
    }

    private async Task<IReadOnlyList<IRunMessage>> TrainAsync(Guid runId, TrainChunkStep step, CancellationToken cancellationToken)
    {
        var started = step.Adaptation;
        var task = Task(started.Task);
        // Taken out of the cache while it trains: weights half-way through a failed chunk must never be reused.
        var experiment = await _loaded.TakeAsync(started.Space, task, step.FromStateBlobHash ?? started.BaseCheckpointBlobHash, cancellationToken);
        var schedule = new AdaptationSchedule(started.Settings.TotalSteps, started.Settings.BatchSize, started.Settings.LearningRate, started.Settings.WeightDecay, started.Seed);
        using var adaptation = new SupernetAdaptation(experiment.Experiment.Supernet, experiment.Experiment.Head, task, ArchiveDistribution.From(started.Distribution), schedule);
        if (experiment.Optimizer is { } optimizer)
        {
            adaptation.RestoreOptimizer(optimizer);
        }

        var train = data.Get(task, settings.Data, started.Settings.TrainImages, settings.EvaluationImages).Train;
        var result = await System.Threading.Tasks.Task.Run(() => adaptation.Train(train, step.FromStep, step.ToStep, cancellation: cancellationToken), cancellationToken);
        var supernet = experiment.Experiment.SaveCheckpoint();
        var optimizerState = adaptation.SaveOptimizer();
        var state = await blobs.PutAsync(new AdaptationCheckpoint(supernet, optimizerState).ToBytes(), BlobMediaTypes.AdaptationState, cancellationToken);
        _loaded.Keep(state, experiment with { Optimizer = optimizerState });
        log.LogInformation("Run {Run}: adaptation of iteration {Iteration} ({Task}) chunk {Chunk}/{Chunks}: steps {To}/{Total}, loss {Loss:F3}, {Seconds:F1} s",
            runId, started.Iteration, started.Task, step.Chunk + 1, step.Chunks, step.ToStep, started.Settings.TotalSteps, result.MeanLoss, result.Seconds);
        var chunk = new SupernetChunkTrained(runId, started.Iteration, started.Task, step.Chunk, step.Chunks, step.ToStep, started.Settings.TotalSteps,
            result.MeanLoss, result.Seconds, state);
        if (!step.IsLast)
        {
            return [chunk];
        }

        var checkpoint = await blobs.PutAsync(supernet, BlobMediaTypes.Supernet, cancellationToken);
        return [chunk, new SupernetAdapted(runId, started.Iteration, started.Task, started.Space, started.BaseCheckpointBlobHash, checkpoint,
            started.Settings.TotalSteps, result.Seconds, started.Seed)];
    }

    private async Task<SubnetAdapted> MeasureAsync(Guid runId, MeasureStep step, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var genes = CandidateCodec.Genes(step.Request.Candidate.Name);
        foreach (var (taskName, supernet) in step.Supernets)
        {
            var task = Task(taskName);
            var loaded = await _loaded.GetAsync(supernet.Space, task, supernet.CheckpointBlobHash, cancellationToken);
            var sets = data.Get(task, settings.Data, settings.TrainImages, settings.EvaluationImages);
            metrics[taskName] = await System.Threading.Tasks.Task.Run(() => loaded.Experiment.Evaluate(genes, sets.Train, sets.Validation), cancellationToken);
        }

        var first = step.Supernets.Values.First();
        log.LogInformation("Run {Run}: measured {Candidate}: {Metrics} ({Seconds:F1} s)",
            runId, step.Request.Candidate.Name, string.Join(", ", metrics.Select(m => $"{m.Key} {m.Value:F4}")), clock.Elapsed.TotalSeconds);
        return new SubnetAdapted(runId, step.Request.RequestId, step.Request.Candidate, metrics, first.CheckpointBlobHash, first.Seed);
    }

    private static string WorkKey(Guid runId, TrainChunkStep step) =>
        $"chunk/{runId}/{step.Adaptation.Iteration}/{step.Adaptation.Task}/{step.Chunk}/{step.FromStateBlobHash ?? step.Adaptation.BaseCheckpointBlobHash}";

    private static string WorkKey(Guid runId, MeasureStep step) =>
        $"measure/{runId}/{step.Request.RequestId}/{string.Join(",", step.Supernets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value.CheckpointBlobHash}"))}";

    private static int TorchThreads() => TorchSharp.torch.get_num_threads();

    private IVisionTask Task(string name) =>
        tasks.Contains(name) ? tasks.Get(name) : throw new AdaptationException($"No vision task is named '{name}'; Adapt trains supernets for {string.Join(", ", tasks.All.Select(t => t.Name))}.");
}
