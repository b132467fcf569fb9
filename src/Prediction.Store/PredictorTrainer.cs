using NasPipeline.ArchitectureData;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Model;
using NasPipeline.Prediction.Models;
using NasPipeline.Predictors.Evaluation;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Prediction.Registry;

namespace NasPipeline.Prediction.Store;

/// <summary>
/// The use case behind <c>nasp predictor train</c>: train a task's starting predictor the AIO-P way
/// (<see cref="PredictorTraining"/>), store its weights in the blob store and register it. Training is seeded, so the
/// same request trains the same weights, and the registry keeps the first registration of those (its dedupe key):
/// asking twice registers once. Throws <see cref="ArgumentException"/> for a request it cannot train.
/// </summary>
public sealed class PredictorTrainer(IBlobStore blobs, PredictorRegistry registry, TimeProvider clock)
{
    public async Task<PredictorTrainingResult> TrainAsync(PredictorTrainingRequest request, CancellationToken cancellationToken = default)
    {
        var (data, metric) = (Subset(request.Data.Records, request.TrainSize, request.Seed), request.Data.Metric);
        var labels = Labels(data, metric);
        (IReadOnlyList<GnnSample>, IReadOnlyList<double>)? pretrain =
            request.Pretrain is { } source ? (Samples(source.Records), Labels(source.Records, source.Metric)) : null;
        using var trained = PredictorTraining.Train(Samples(data), labels, pretrain, request.PretrainOptions, request.AdapterOptions,
            request.ValidationShare, request.Seed);
        var registration = new TaskPredictorRegistration
        {
            Id = request.Task,
            Model = ModelKinds.GnnAdapter,
            WeightsBlobHash = await blobs.PutAsync(trained.Predictor.ToBytes(), ModelKinds.GnnAdapterMediaType, cancellationToken),
            SampleCount = trained.TrainCount,
            // The registry keeps a number; a split too small for an SRCC shows as none in the result instead.
            ValidationSrcc = double.IsFinite(trained.ValidationSrcc) ? trained.ValidationSrcc : 0,
            Seed = request.Seed,
            Range = MetricRange.Of(labels),
            TrainedOn = $"{request.Data.Name}: {metric}" + (request.Pretrain is { } p ? $" (base on {p.Name}: {p.Metric})" : ""),
            RegisteredAt = clock.GetUtcNow(),
        };
        var held = await registry.RegisterAsync(registration, cancellationToken);
        return new PredictorTrainingResult(held, trained.TrainCount, trained.ValidationCount, trained.ValidationSrcc, AlreadyRegistered: held != registration);
    }

    /// <summary>A seeded subset, so a large benchmark trains in minutes and the same seed picks the same networks.</summary>
    private static IReadOnlyList<ArchitectureRecord> Subset(IReadOnlyList<ArchitectureRecord> records, int? size, int seed)
    {
        if (size is < 2)
        {
            throw new ArgumentException("The training subset must hold at least 2 architectures.");
        }

        return size is { } n && n < records.Count ? PredictorEvaluation.Shuffle(records.Count, seed)[..n].Order().Select(i => records[i]).ToList() : records;
    }

    private static List<GnnSample> Samples(IEnumerable<ArchitectureRecord> records) => records.Select(r => GnnSample.Of(r.Graph)).ToList();

    private static List<double> Labels(IEnumerable<ArchitectureRecord> records, string metric) => records.Select(r => r.Metrics[metric]).ToList();
}
