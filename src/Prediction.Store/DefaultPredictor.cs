using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using NasPipeline.Hosting;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Model;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Defaults;
using NasPipeline.Prediction.Registry;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Prediction.Store;

/// <summary>
/// AIO-P's all-in-one start: the predictor that scores a task nobody registered one for. It is trained on first use from
/// <see cref="DefaultPredictorRecipe"/>, stored in the blob store and registered under <see cref="RegistrationId"/>;
/// later uses (in any process) load that registration. A PostgreSQL advisory lock makes replicas that need it at once
/// train it once: the others wait, then find it registered.
/// </summary>
public sealed class DefaultPredictor(PredictSettings settings, PredictorRegistry registry, IBlobStore blobs, PipelineSettings pipeline, ILogger<DefaultPredictor> log)
{
    /// <summary>Its registry key; not a task name (those start with a letter), so no task can register over it.</summary>
    public const string RegistrationId = "(default)";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TaskPredictorRegistration? _known;

    /// <summary>The default predictor's registration, trained now if the stored one is missing or of another recipe; null when turned off.</summary>
    public async Task<TaskPredictorRegistration?> GetAsync(CancellationToken cancellationToken)
    {
        if (!settings.DefaultPredictorEnabled)
        {
            return null;
        }

        if (Volatile.Read(ref _known) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_known is not null)
            {
                return _known;
            }

            var recipe = DefaultPredictorRecipe.From(settings);
            var fingerprint = recipe.Fingerprint(await ReadDataAsync(recipe, cancellationToken));
            if (await FindAsync(fingerprint, cancellationToken) is not { } found)
            {
                await using var held = await PostgresAdvisoryLock.AcquireAsync(pipeline.PostgresConnectionString, $"{pipeline.Schema}/default-predictor", cancellationToken);
                found = await FindAsync(fingerprint, cancellationToken) ?? await TrainAsync(recipe, fingerprint, cancellationToken);
            }

            Volatile.Write(ref _known, found);
            return found;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<TaskPredictorRegistration?> FindAsync(string fingerprint, CancellationToken cancellationToken) =>
        await registry.FindAsync(RegistrationId, cancellationToken) is { } stored && stored.Recipe == fingerprint ? stored : null;

    private static async Task<byte[]> ReadDataAsync(DefaultPredictorRecipe recipe, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(recipe.DataFile, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PredictionException("NoPredictor",
                $"The default predictor's data file cannot be read ({e.Message}); set Predict__DefaultPredictor to a data file, " +
                "or register a predictor for the task with `nasp predictor train`.");
        }
    }

    private async Task<TaskPredictorRegistration> TrainAsync(DefaultPredictorRecipe recipe, string fingerprint, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TorchEnvironment.EnsureAvailable();
        log.LogInformation("Default predictor: training AIO-P's GNN on {Count} architectures' {Metric} from {File} ({Base} base + {Adapters} adapter epochs); it is stored and reused afterwards",
            recipe.Architectures, recipe.Metric, recipe.DataFile, recipe.BaseEpochs, recipe.AdapterEpochs);

        // CPU-bound for a minute or more: off the caller's thread, so the host stays responsive.
        var sample = await Task.Run(() => DefaultPredictorTraining.Load(recipe), cancellationToken);
        using var trained = await Task.Run(() => DefaultPredictorTraining.Train(sample, recipe,
            line => log.LogInformation("Default predictor: {Progress}", line), cancellationToken), cancellationToken);
        var registration = new TaskPredictorRegistration
        {
            Id = RegistrationId,
            Model = ModelKinds.GnnAdapter,
            WeightsBlobHash = await blobs.PutAsync(trained.Predictor.ToBytes(), ModelKinds.GnnAdapterMediaType, cancellationToken),
            SampleCount = trained.TrainCount,
            ValidationSrcc = double.IsFinite(trained.ValidationSrcc) ? trained.ValidationSrcc : 0,
            Seed = DefaultPredictorRecipe.Seed,
            Range = MetricRange.Of(sample.Select(r => r.Metrics[recipe.Metric])),
            TrainedOn = recipe.Describe(trained.TrainCount + trained.ValidationCount),
            RegisteredAt = DateTimeOffset.UtcNow,
            Recipe = fingerprint,
        };
        await registry.RegisterAsync(registration, cancellationToken);
        log.LogInformation("Default predictor: registered blob {Blob} after {Seconds} s: validation SRCC {Srcc} on {Held} held-out architectures",
            registration.WeightsBlobHash[..12], clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
            registration.ValidationSrcc.ToString("F3", CultureInfo.InvariantCulture), trained.ValidationCount);
        return registration;
    }
}
