using NasPipeline.Prediction;
using NasPipeline.Prediction.Store;

namespace NasPipeline.Tests.Infrastructure;

/// <summary>
/// The Predict stage's default predictor at a size that trains in a few seconds: the tests check how it is trained,
/// stored, found and recorded; the README's figures say how good the full-size one is. Every Predict stage the tests
/// start (in-process, as a process, inside nasp) uses it, so one suite run trains it once.
/// </summary>
public static class SmallDefaultPredictor
{
    public const int Architectures = 40;
    public const int Epochs = 2;

    public static PredictSettings Apply(PredictSettings settings) => settings with
    {
        DefaultPredictor = "", DefaultPredictorArchitectures = Architectures, DefaultPredictorEpochs = Epochs, DefaultPredictorAdapterEpochs = Epochs,
    };

    public static IEnumerable<KeyValuePair<string, string>> Environment =>
    [
        new("Predict__DefaultPredictorArchitectures", $"{Architectures}"),
        new("Predict__DefaultPredictorEpochs", $"{Epochs}"),
        new("Predict__DefaultPredictorAdapterEpochs", $"{Epochs}"),
    ];
}
