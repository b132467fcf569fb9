using NasPipeline.Prediction.Registry;

namespace NasPipeline.Prediction.Store;

/// <summary>
/// Which predictor a task starts from in a run: the one registered for the task, else the default (AIO-P's all-in-one
/// start, trained on first use), else none.
/// </summary>
public sealed class StartingPredictors(PredictorRegistry registry, DefaultPredictor defaults)
{
    public const string DefaultSourcePrefix = "default: ";

    public async Task<StartingPredictor?> FindAsync(string task, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(task, cancellationToken) is { } registered)
        {
            return new StartingPredictor(registered, $"registered for {task}: {registered.TrainedOn}");
        }

        return await defaults.GetAsync(cancellationToken) is { } fallback
            ? new StartingPredictor(fallback, DefaultSourcePrefix + fallback.TrainedOn)
            : null;
    }
}
