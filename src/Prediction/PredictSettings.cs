namespace NasPipeline.Prediction;

/// <summary>
/// How the Predict stage scores and refits (configuration section <c>Predict</c>). A refit needs
/// <see cref="MinRefitSamples"/> labels of a task; its validation SRCC comes from <see cref="ValidationFolds"/>-fold
/// cross-validation; K-Adapter refits train for <see cref="AdapterEpochs"/> epochs.
/// </summary>
public sealed record PredictSettings
{
    public int BatchSize { get; init; } = 50;

    public int MinRefitSamples { get; init; } = 8;

    public int ValidationFolds { get; init; } = 5;

    public int RbfMembers { get; init; } = 500;

    public int AdapterEpochs { get; init; } = 100;
}
