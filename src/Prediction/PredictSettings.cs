
namespace NasPipeline.Prediction;

/// <summary>
/// How the Predict stage scores and refits (configuration section <c>Predict</c>). A refit needs
/// <see cref="MinRefitSamples"/> labels of a task; its validation SRCC comes from <see cref="ValidationFolds"/>-fold
/// cross-validation; K-Adapter refits train for <see cref="AdapterEpochs"/> epochs. A task with no registered
/// predictor is scored by the default one (<see cref="DefaultPredictor"/>), trained on first use.
/// </summary>
public sealed record PredictSettings
{
    /// <summary>The value of <see cref="DefaultPredictor"/> that turns the default off (such a task then fails the run).</summary>
    public const string DefaultPredictorOff = "off";

    public int BatchSize { get; init; } = 50;

    public int MinRefitSamples { get; init; } = 8;

    public int ValidationFolds { get; init; } = 5;

    public int RbfMembers { get; init; } = 500;

    public int AdapterEpochs { get; init; } = 100;

    /// <summary>Empty: the bundled NAS-Bench-Macro table next to the binaries; <c>off</c>; or another data file (a
    /// NAS-Bench-Macro CSV, or JSON Lines from <c>nasp data import</c>).</summary>
    public string DefaultPredictor { get; init; } = "";

    /// <summary>The data file's metric the default predictor learns.</summary>
    public string DefaultPredictorMetric { get; init; } = "mean_acc";

    /// <summary>How many of the file's architectures (a seeded subset) it trains and validates on.</summary>
    public int DefaultPredictorArchitectures { get; init; } = 500;

    /// <summary>Epochs of the GNN base, then of its K-Adapters.</summary>
    public int DefaultPredictorEpochs { get; init; } = 40;

    public int DefaultPredictorAdapterEpochs { get; init; } = 20;

    public bool DefaultPredictorEnabled => !string.Equals(DefaultPredictor, DefaultPredictorOff, StringComparison.OrdinalIgnoreCase);
}
