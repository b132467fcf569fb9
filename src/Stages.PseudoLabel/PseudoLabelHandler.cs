using Microsoft.Extensions.Logging;
using NasPipeline.Adaptation.Networks;
using NasPipeline.Adaptation.Planning;
using NasPipeline.Adaptation.PseudoLabels;
using NasPipeline.Adaptation.PseudoLabels.Networks;
using NasPipeline.Adaptation.PseudoLabels.Planning;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Telemetry;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet;
using NasPipeline.Supernet.Experiments;
using NasPipeline.SupernetHosting;
using NasPipeline.Vision.Tasks;
using static TorchSharp.torch;
using LabelValue = NasPipeline.Contracts.Events.PseudoLabel;
using MeasuredLabel = NasPipeline.Adaptation.PseudoLabels.PseudoLabel;

namespace NasPipeline.Stages.PseudoLabel;

/// <summary>
/// The PseudoLabel stage's one step for a run, once per triggering message: the writer folds the stream into a
/// <see cref="PseudoLabelRunState"/>, <see cref="PseudoLabelDecider"/> names the next piece of work (a task's shared head,
/// or one network's label), this class does it with the plain classes of <c>Adaptation.PseudoLabels</c>, and the
/// outcome is appended and published. The stage's own events trigger its next step.
/// </summary>
public sealed class PseudoLabelHandler(
    RunEventWriter writer, IBlobStore blobs, PseudoLabelDecider decider, PseudoLabelSettings settings, DefaultSupernets defaults, TaskDataCache data,
    SharedHeads heads, SearchSpaceRegistry spaces, TaskRegistry tasks, TimeProvider clock, ILogger<PseudoLabelHandler> log)
{
    public const string StageName = "pseudo-label";

    private static readonly RunFold<PseudoLabelRunState> Fold = new(PseudoLabelRunState.Empty, (state, e) => state.Evolve(e));

    private readonly LoadedSupernet _loaded = new(blobs, spaces);

    // A head or a label takes seconds, and the other stages append to the run meanwhile: a lost append race decides
    // the same step again, whose result is the same.
    private readonly RetriedWorkResults<IReadOnlyList<IRunMessage>> _retried = new();

    /// <param name="triggerKey">Unique among all runs' messages (dedupe markers are global).</param>
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

    private async Task<IReadOnlyList<IRunMessage>> ExecuteAsync(Guid runId, PseudoLabelStep step, CancellationToken cancellationToken) => step switch
    {
        PseudoLabelIdle => [],
        PseudoLabelRefused refused => [new RunFailed(runId, StageName, refused.Reason, clock.GetUtcNow())],
        TrainSharedHeadStep head => await _retried.GetOrRunAsync($"head/{runId}/{head.Task}",
            async () => [await PipelineTelemetry.TraceAsync("train", runId, () => TrainHeadAsync(runId, head, cancellationToken))]),
        LabelStep label => await _retried.GetOrRunAsync($"label/{runId}/{label.Request.RequestId}",
            async () => [await PipelineTelemetry.TraceAsync("pseudo-label", runId, () => LabelAsync(runId, label, cancellationToken))]),
        LabelModelStep model => await _retried.GetOrRunAsync($"label/{runId}/{model.Request.RequestId}",
            async () => [await PipelineTelemetry.TraceAsync("pseudo-label", runId, () => LabelModelAsync(runId, model, cancellationToken))]),
        _ => throw new InvalidOperationException($"Unknown pseudo-label step {step.GetType().Name}."),
    };

    private async Task<SharedHeadTrained> TrainHeadAsync(Guid runId, TrainSharedHeadStep step, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var space = spaces.Get(step.Space);
        var body = await defaults.GetAsync(space, Task(settings.BodyTask), settings.Supernets, cancellationToken);
        var supernet = (await _loaded.GetAsync(space.Name, Task(settings.BodyTask), body.CheckpointBlobHash, cancellationToken)).Experiment.Supernet;
        var task = Task(step.Task);
        var train = data.Get(task, settings.Data, settings.TrainImages, settings.EvaluationImages).Train;
        log.LogInformation("Run {Run}: training the shared {Task} head over {Source}: {Steps} steps on latents of {Population} subnets",
            runId, step.Task, body.Source, settings.HeadSteps, settings.PopulationSize);
        using var head = await System.Threading.Tasks.Task.Run(() => SharedHeadTrainer.Train(supernet, task, train, settings.Head(step.Seed)), cancellationToken);
        var hash = await heads.PutAsync(head, cancellationToken);
        log.LogInformation("Run {Run}: shared {Task} head stored as {Blob} ({Seconds:F1} s)", runId, step.Task, hash[..12], clock.Elapsed.TotalSeconds);
        return new SharedHeadTrained(runId, step.Task, space.Name, body.CheckpointBlobHash, body.Source, hash, settings.HeadSteps, clock.Elapsed.TotalSeconds, step.Seed);
    }

    private async Task<PseudoLabelReady> LabelAsync(Guid runId, LabelStep step, CancellationToken cancellationToken)
    {
        var (supernet, task, shared, sets) = await InputsAsync(step.Head, step.Request.Task, cancellationToken);
        var label = await System.Threading.Tasks.Task.Run(
            () => PseudoLabeler.Label(supernet, step.Genes, shared, task, sets.Train, sets.Validation, settings.FineTune(step.Seed)), cancellationToken);
        log.LogInformation("Run {Run}: pseudo-label of {Candidate} on {Task}: {Value:F4} ({Seconds:F1} s)",
            runId, step.Request.Architecture.Name, step.Request.Task, label.Value, label.Seconds);
        return Ready(runId, step.Request, step.Head, step.Seed, label);
    }

    private async Task<PseudoLabelReady> LabelModelAsync(Guid runId, LabelModelStep step, CancellationToken cancellationToken)
    {
        var (supernet, task, shared, sets) = await InputsAsync(step.Head, step.Request.Task, cancellationToken);
        var onnx = await blobs.GetAsync(step.ModelBlobHash, cancellationToken)
            ?? throw new AdaptationException($"The ONNX model {step.ModelBlobHash} is not in the blob store.");
        var label = await System.Threading.Tasks.Task.Run(() => NetworkRefusals.Refused("be pseudo-labelled", () => NetworkPseudoLabeler.Label(
            onnx, DeclaredInput.Of(onnx, step.InputShapes), shared, supernet.Features, NetworkPseudoLabeler.GridsOf(supernet, sets.Train), task,
            sets.Train, sets.Validation, settings.FineTune(step.Seed))), cancellationToken);
        log.LogInformation("Run {Run}: pseudo-label of ONNX model {Model} on {Task}: {Value:F4} ({Seconds:F1} s)",
            runId, step.ModelBlobHash[..12], step.Request.Task, label.Value, label.Seconds);
        return Ready(runId, step.Request, step.Head, step.Seed, label);
    }

    /// <summary>What any label starts from: the head's supernet, the task, the shared head and the task's data.</summary>
    private async Task<(ISupernet Supernet, IVisionTask Task, nn.Module<Tensor[], Tensor> Shared, TaskDataSets Sets)> InputsAsync(
        SharedHeadTrained head, string taskName, CancellationToken cancellationToken)
    {
        var supernet = (await _loaded.GetAsync(head.Space, Task(settings.BodyTask), head.SupernetBlobHash, cancellationToken)).Experiment.Supernet;
        var task = Task(taskName);
        var shared = await heads.GetAsync(head.HeadBlobHash, task, supernet, cancellationToken);
        return (supernet, task, shared, data.Get(task, settings.Data, settings.TrainImages, settings.EvaluationImages));
    }

    private static PseudoLabelReady Ready(Guid runId, PseudoLabelRequested request, SharedHeadTrained head, int seed, MeasuredLabel label) =>
        new(runId, request.RequestId, request.Task, [new LabelValue(request.Architecture, label.Value)], seed, label.Seconds, head.SupernetBlobHash, head.HeadBlobHash);

    private IVisionTask Task(string name) =>
        tasks.Contains(name) ? tasks.Get(name) : throw new AdaptationException($"No vision task is named '{name}'; pseudo-labels are made for {string.Join(", ", tasks.All.Select(t => t.Name))}.");
}
