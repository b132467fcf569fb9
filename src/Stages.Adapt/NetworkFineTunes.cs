using Microsoft.Extensions.Logging;
using NasPipeline.Adaptation.Nat;
using NasPipeline.Adaptation.Networks;
using NasPipeline.Adaptation.Planning;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Events;
using NasPipeline.OnnxNetworks;
using NasPipeline.SupernetHosting;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;

namespace NasPipeline.Stages.Adapt;

/// <summary>
/// The Adapt stage's work on ONNX-model candidates (FNA's parameter adaptation of a submitted or kept network): start a
/// fine-tune, train a chunk of it from the state the last one stored, measure the result on every task and store the
/// network with its fine-tuned weights. Each call builds the network afresh from its blob and the recorded start, so any
/// replica, or a restart after a crash, continues where the stream says.
/// </summary>
public sealed class NetworkFineTunes(IBlobStore blobs, AdaptSettings settings, TaskDataCache data, TaskRegistry tasks, ILogger<NetworkFineTunes> log)
{
    public async Task<IReadOnlyList<IRunMessage>> StartAsync(Guid runId, StartFineTuneStep step, CancellationToken cancellationToken)
    {
        var task = Task(step.Task);
        var onnx = await ModelAsync(step.Request.Candidate.Name, cancellationToken);
        var declared = NetworkRefusals.Refused("be fine-tuned", () => DeclaredInput.Of(onnx, step.InputShapes));
        var train = data.Get(task, settings.Data, settings.TrainImages, settings.EvaluationImages).Train;
        using var network = Build(onnx, task, declared, train, step.Seed);
        var steps = settings.TotalSteps;
        log.LogInformation("Run {Run}: fine-tuning {Model} for {Task}: {Steps} steps; input: {Input}; head: {Head}",
            runId, Short(step.Request.Candidate.Name), step.Task, steps, network.InputPolicy, network.HeadDescription);
        return [new NetworkFineTuneStarted(runId, step.Request.RequestId, step.Task, step.Request.Candidate.Name, declared, network.InputPolicy,
            network.HeadDescription, new AdaptationSettings(steps, settings.ChunkSteps, settings.BatchSize, settings.LearningRate, settings.WeightDecay,
                settings.TrainImages, TorchSharp.torch.get_num_threads()), step.Seed)];
    }

    public async Task<IReadOnlyList<IRunMessage>> TrainAsync(Guid runId, FineTuneChunkStep step, CancellationToken cancellationToken)
    {
        var started = step.FineTune;
        var task = Task(started.Task);
        var train = data.Get(task, settings.Data, started.Settings.TrainImages, settings.EvaluationImages).Train;
        using var network = Build(await ModelAsync(started.ModelBlobHash, cancellationToken), task, started.DeclaredInput, train, started.Seed);
        using var fineTune = new NetworkFineTune(network, task, Schedule(started));
        if (step.FromStateBlobHash is { } from)
        {
            fineTune.RestoreState(await StateAsync(from, cancellationToken));
        }

        var result = await System.Threading.Tasks.Task.Run(() => fineTune.Train(train, step.FromStep, step.ToStep, cancellation: cancellationToken), cancellationToken);
        var state = await blobs.PutAsync(fineTune.SaveState(), BlobMediaTypes.AdaptationState, cancellationToken);
        log.LogInformation("Run {Run}: fine-tune of {Model} for {Task} chunk {Chunk}/{Chunks}: steps {To}/{Total}, loss {Loss:F3}, {Seconds:F1} s",
            runId, Short(started.ModelBlobHash), started.Task, step.Chunk + 1, step.Chunks, step.ToStep, started.Settings.TotalSteps, result.MeanLoss, result.Seconds);
        return [new NetworkChunkTrained(runId, started.RequestId, started.Task, step.Chunk, step.Chunks, step.ToStep, started.Settings.TotalSteps,
            result.MeanLoss, result.Seconds, state)];
    }

    /// <summary>Every task's metric on the validation split; the network fine-tuned for the request's first task is
    /// stored as ONNX and named in the answer.</summary>
    public async Task<SubnetAdapted> MeasureAsync(Guid runId, MeasureNetworkStep step, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        string? weights = null;
        foreach (var (started, stateHash) in step.FineTunes)
        {
            var task = Task(started.Task);
            var sets = data.Get(task, settings.Data, started.Settings.TrainImages, settings.EvaluationImages);
            using var network = Build(await ModelAsync(started.ModelBlobHash, cancellationToken), task, started.DeclaredInput, sets.Train, started.Seed);
            NetworkFineTune.RestoreWeights(network, await StateAsync(stateHash, cancellationToken));

            metrics[started.Task] = await System.Threading.Tasks.Task.Run(
                () => TaskEvaluator.Evaluate(network.Backbone, network.Head, task, sets.Validation), cancellationToken);
            weights ??= await blobs.PutAsync(network.ToOnnx(), BlobMediaTypes.Onnx, cancellationToken);
        }

        log.LogInformation("Run {Run}: measured fine-tuned {Model}: {Metrics} ({Seconds:F1} s)",
            runId, Short(step.Request.Candidate.Name), string.Join(", ", metrics.Select(m => $"{m.Key} {m.Value:F4}")), clock.Elapsed.TotalSeconds);
        return new SubnetAdapted(runId, step.Request.RequestId, step.Request.Candidate, metrics, weights!, step.FineTunes[0].Started.Seed);
    }

    private static AdaptationSchedule Schedule(NetworkFineTuneStarted started) =>
        new(started.Settings.TotalSteps, started.Settings.BatchSize, started.Settings.LearningRate, started.Settings.WeightDecay, started.Seed);

    private static TrainableNetwork Build(byte[] onnx, IVisionTask task, IReadOnlyList<long> declared, TaskData train, int seed)
    {
        using var probe = train.Batch([0]);
        var shape = probe.Inputs.shape;
        return NetworkRefusals.Refused("be fine-tuned", () => TrainableNetwork.Create(onnx, task, declared, (int)shape[1], (int)shape[^1], seed));
    }

    private async Task<byte[]> ModelAsync(string hash, CancellationToken cancellationToken) =>
        await blobs.GetAsync(hash, cancellationToken) ?? throw new AdaptationException($"The ONNX model {hash} is not in the blob store.");

    private async Task<byte[]> StateAsync(string hash, CancellationToken cancellationToken) =>
        await blobs.GetAsync(hash, cancellationToken) ?? throw new AdaptationException($"The fine-tune state {hash} is not in the blob store.");

    private IVisionTask Task(string name) =>
        tasks.Contains(name) ? tasks.Get(name) : throw new AdaptationException($"No vision task is named '{name}'; Adapt fine-tunes for {string.Join(", ", tasks.All.Select(t => t.Name))}.");

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
