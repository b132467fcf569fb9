namespace NasPipeline.Prediction;

/// <summary>A request the Predict stage cannot serve (no predictor for a task, a candidate it cannot read); the run
/// fails with <see cref="Kind"/> and the message rather than retrying forever.</summary>
public sealed class PredictionException(string kind, string message) : Exception(message)
{
    public string Kind { get; } = kind;
}
