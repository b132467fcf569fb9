using NasPipeline.Contracts.Blobs;
using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Prediction.Models;

/// <summary>
/// Loads predictors from the blob store by (kind, blob hash) and keeps the most recently used: a run scores every
/// generation with the same few models. A blob hash names its content, so a cached model never goes stale.
/// </summary>
public sealed class ModelCache(IBlobStore blobs, int capacity = 16) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Task<IScoringModel> Model, long LastUse)> _models = new(StringComparer.Ordinal);
    private long _clock;

    public async Task<IScoringModel> GetAsync(string kind, string blobHash, CancellationToken cancellationToken)
    {
        var key = $"{kind}/{blobHash}";
        Task<IScoringModel> model;
        lock (_gate)
        {
            if (!_models.TryGetValue(key, out var entry))
            {
                Evict();
                entry = (LoadAsync(kind, blobHash, cancellationToken), 0);
            }

            _models[key] = (entry.Model, ++_clock);
            model = entry.Model;
        }

        try
        {
            return await model;
        }
        catch
        {
            lock (_gate)
            {
                _models.Remove(key);
            }

            throw;
        }
    }

    private async Task<IScoringModel> LoadAsync(string kind, string blobHash, CancellationToken cancellationToken)
    {
        var bytes = await blobs.GetAsync(blobHash, cancellationToken)
            ?? throw new PredictionException("ModelMissing", $"The {kind} predictor's weights (blob {blobHash[..Math.Min(12, blobHash.Length)]}) are not in the blob store.");
        return kind switch
        {
            ModelKinds.GnnAdapter => new GnnScoringModel(LoadTaskPredictor(bytes)),
            ModelKinds.Rbf => new RbfScoringModel(RbfTrainingSet.FromBytes(bytes)),
            _ => throw new PredictionException("UnknownModel", $"Unknown predictor kind '{kind}' (known: {ModelKinds.GnnAdapter}, {ModelKinds.Rbf})."),
        };
    }

    private static TaskPredictor LoadTaskPredictor(byte[] bytes)
    {
        TorchEnvironment.EnsureAvailable();
        return TaskPredictor.FromBytes(bytes);
    }

    /// <summary>The least recently used model leaves; it is not disposed, as a scorer may still hold it (its tensors
    /// are freed when it is collected).</summary>
    private void Evict()
    {
        if (_models.Count >= capacity)
        {
            _models.Remove(_models.MinBy(p => p.Value.LastUse).Key);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (model, _) in _models.Values.Where(e => e.Model.IsCompletedSuccessfully))
            {
                model.Result.Dispose();
            }

            _models.Clear();
        }
    }
}
