using Microsoft.Extensions.Logging;
using NasPipeline.Adaptation.Planning;
using NasPipeline.ComputationGraph;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Events;
using NasPipeline.Fna.Adaptation;
using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Costs;
using NasPipeline.Fna.Remapping;
using NasPipeline.SupernetHosting;
using NasPipeline.Vision.Heads;
using NasPipeline.Vision.Tasks;
using static TorchSharp.torch;

namespace NasPipeline.Stages.Adapt;

/// <summary>
/// The Adapt stage's FNA work on a submitted chain network (the same path as <c>nasp adapt</c>): start the architecture
/// adaptation, train it chunk by chunk from the state the last chunk stored, then derive the architecture and store the
/// derived network with the seed's parameters remapped into it, for the parameter adaptation (the network fine-tunes)
/// to fine-tune and measure. Each call rebuilds the super network from the seed's blob and the recorded start, so any
/// replica, or a restart after a crash, continues where the stream says.
/// </summary>
public sealed class ArchitectureAdaptations(IBlobStore blobs, AdaptSettings settings, TaskDataCache data, TaskRegistry tasks, ILogger<ArchitectureAdaptations> log)
{
    /// <summary>α's learning rate and batch, as <c>nasp adapt</c> uses them.</summary>
    private const double AlphaLearningRate = 0.02;
    private const int AlphaBatchSize = 32;

    public async Task<IReadOnlyList<IRunMessage>> StartAsync(Guid runId, StartArchitectureStep step, CancellationToken cancellationToken)
    {
        var request = step.Request;
        var task = Task(request.Task);
        var (seed, seedHead) = await SeedAsync(request.SeedModelBlobHash, cancellationToken);
        using (seed)
        using (seedHead)
        {
            var train = Train(task);
            using (var probe = train.Batch([0]))
            {
                if (probe.Inputs.shape[1] != seed.Architecture.InputChannels)
                {
                    throw new AdaptationException(
                        $"The submitted network reads {seed.Architecture.InputChannels}-channel images; the task {task.Name}'s images have {probe.Inputs.shape[1]}.");
                }
            }

            var seedMacs = ChainOnnx.MacsOf(seed, task.InputSize);
            var recipe = task.DefaultRecipe;
            var options = Options(recipe.BatchSize, recipe.LearningRate, request.Options.CostWeight, step.Seed, request.Options.BudgetFor(seedMacs));
            var perEpoch = ArchitectureAdaptation.StepsPerEpoch(train.Count, options);
            var adaptationSettings = new ArchitectureAdaptationSettings(options.WarmupEpochs, options.SearchEpochs, perEpoch,
                ArchitectureAdaptation.TotalSteps(train.Count, options), settings.ArchitectureChunkSteps, options.BatchSize, AlphaBatchSize,
                options.WeightLearningRate, options.AlphaLearningRate, options.CostWeight, options.MacBudget, settings.ArchitectureImages, get_num_threads());
            log.LogInformation("Run {Run}: FNA architecture adaptation of {Seed} ({Macs:N0} MACs) for {Task}: {Steps} steps, λ {CostWeight}{Budget}",
                runId, seed.Architecture.Describe(), seedMacs, task.Name, adaptationSettings.TotalSteps, options.CostWeight,
                options.MacBudget is { } budget ? $", budget {budget:N0} MACs" : "");
            return [new ArchitectureAdaptationStarted(runId, request.RequestId, task.Name, request.SeedModelBlobHash, seed.Architecture.Describe(), seedMacs,
                adaptationSettings, step.Seed)];
        }
    }

    public async Task<IReadOnlyList<IRunMessage>> TrainAsync(Guid runId, ArchitectureChunkStep step, CancellationToken cancellationToken)
    {
        var started = step.Started;
        var task = Task(started.Task);
        var train = Train(task);
        var (seed, seedHead) = await SeedAsync(started.SeedModelBlobHash, cancellationToken);
        using (seed)
        using (seedHead)
        {
            using var search = await BuildAsync(started, task, seed, seedHead, step.FromStateBlobHash, cancellationToken);
            var result = await System.Threading.Tasks.Task.Run(() => search.Adaptation.Train(train, step.FromStep, step.ToStep, cancellation: cancellationToken), cancellationToken);
            var state = await blobs.PutAsync(search.Adaptation.SaveState(), BlobMediaTypes.AdaptationState, cancellationToken);
            log.LogInformation("Run {Run}: FNA architecture adaptation chunk {Chunk}/{Chunks}: steps {To}/{Total}, loss {Loss:F3}{Expected}, {Seconds:F1} s",
                runId, step.Chunk + 1, step.Chunks, step.ToStep, started.Settings.TotalSteps, result.MeanLoss,
                result.ExpectedMacs is { } m ? $", E[MACs] {m:N0}" : "", result.Seconds);
            return [new ArchitectureChunkTrained(runId, started.RequestId, step.Chunk, step.Chunks, step.ToStep, started.Settings.TotalSteps, result.MeanLoss,
                result.ExpectedMacs, result.Seconds, state)];
        }
    }

    /// <summary>The derived architecture from the last state; the derived network starts from the seed's parameters
    /// remapped into it and the seed's classifier (FNA's parameter remapping), and is stored as ONNX.</summary>
    public async Task<IReadOnlyList<IRunMessage>> DeriveAsync(Guid runId, DeriveArchitectureStep step, CancellationToken cancellationToken)
    {
        var started = step.Started;
        var task = Task(started.Task);
        var (seed, seedHead) = await SeedAsync(started.SeedModelBlobHash, cancellationToken);
        using (seed)
        using (seedHead)
        {
            ArchitectureAdaptationResult result;
            using (var search = await BuildAsync(started, task, seed, seedHead, step.StateBlobHash, cancellationToken))
            {
                result = search.Adaptation.Result();
            }

            random.manual_seed(started.Seed);
            using var derived = new ChainNetwork(result.Derived);
            NetworkExpansion.RemapInto(seed, derived);
            var onnx = ChainOnnx.WriteClassifier(derived, seedHead, task.InputSize);
            var model = await blobs.PutAsync(onnx, BlobMediaTypes.Onnx, cancellationToken);
            var graph = new OnnxGraphExtractor().Extract(onnx, new ExtractionOptions { SymbolicBatchAsOne = true });
            log.LogInformation("Run {Run}: FNA derived {Derived}: {Macs:N0} backbone MACs (seed {SeedMacs:N0}), expected {Expected:N0}",
                runId, result.Derived.Describe(), result.DerivedMacs, started.SeedMacs, result.ExpectedMacs);
            return [new ArchitectureDerived(runId, started.RequestId, started.Task, result.Derived.Describe(), result.Probabilities, result.ExpectedMacs,
                result.DerivedMacs, model, graph.TotalMacs, graph.TotalParams)];
        }
    }

    private ArchitectureAdaptationOptions Options(int batchSize, double learningRate, double costWeight, int seed, long? budget) =>
        new(settings.ArchitectureWarmupEpochs, settings.ArchitectureSearchEpochs, batchSize, learningRate, AlphaLearningRate, costWeight, seed,
            AlphaBatchSize: AlphaBatchSize, MacBudget: budget);

    /// <summary>The super network and head as the recorded start builds them from the seed, at the state
    /// <paramref name="stateHash"/> left (none: the expanded seed).</summary>
    private async Task<Search> BuildAsync(
        ArchitectureAdaptationStarted started, IVisionTask task, ChainNetwork seed, PooledLinearHead seedHead, string? stateHash, CancellationToken cancellationToken)
    {
        var s = started.Settings;
        var options = new ArchitectureAdaptationOptions(s.WarmupEpochs, s.SearchEpochs, s.BatchSize, s.WeightLearningRate, s.AlphaLearningRate, s.CostWeight,
            started.Seed, AlphaBatchSize: s.AlphaBatchSize, MacBudget: s.MacBudget);
        var expanded = SeedAdaptation.Expand(seed, task.Name == "classification" ? seedHead : null, task, started.Seed);
        var adaptation = new ArchitectureAdaptation(expanded.Super, expanded.Head, task, expanded.Costs, options);
        var search = new Search(expanded, adaptation);
        if (stateHash is not null)
        {
            var state = await blobs.GetAsync(stateHash, cancellationToken);
            if (state is null)
            {
                search.Dispose();
                throw new AdaptationException($"The architecture adaptation state {stateHash} is not in the blob store.");
            }

            adaptation.RestoreState(state);
        }

        return search;
    }

    private async Task<(ChainNetwork Seed, PooledLinearHead Head)> SeedAsync(string hash, CancellationToken cancellationToken)
    {
        var onnx = await blobs.GetAsync(hash, cancellationToken) ?? throw new AdaptationException($"The ONNX model {hash} is not in the blob store.");
        try
        {
            return ChainOnnxReader.ReadClassifier(onnx);
        }
        catch (FormatException e)
        {
            throw new AdaptationException($"FNA adapts a MobileNetV2-like chain classifier with its weights (`nasp chain train` writes one); the submitted network is not one: {e.Message}");
        }
    }

    private TaskData Train(IVisionTask task) => data.Get(task, settings.Data, settings.ArchitectureImages, settings.EvaluationImages).Train;

    private IVisionTask Task(string name) =>
        tasks.Contains(name) ? tasks.Get(name) : throw new AdaptationException($"No vision task is named '{name}'; Adapt adapts for {string.Join(", ", tasks.All.Select(t => t.Name))}.");

    /// <summary>An expanded seed and the adaptation over it, disposed together.</summary>
    private sealed record Search(ExpandedSeed Expanded, ArchitectureAdaptation Adaptation) : IDisposable
    {
        public void Dispose()
        {
            Adaptation.Dispose();
            Expanded.Dispose();
        }
    }
}
