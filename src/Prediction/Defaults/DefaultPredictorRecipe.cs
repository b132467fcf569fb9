using System.Globalization;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction.Defaults;

/// <summary>
/// How the default predictor is made: AIO-P's GNN base trained on a benchmark metric, then K-Adapters over the frozen
/// base (<see cref="Registry.PredictorTraining"/>), on a seeded subset of the data file's architectures with a fifth
/// held out for the validation SRCC. <see cref="Fingerprint"/> names the data's content and every setting, so a new
/// recipe or data file trains a new default instead of reusing a stale one.
/// </summary>
public sealed record DefaultPredictorRecipe(string DataFile, string Metric, int Architectures, int BaseEpochs, int AdapterEpochs)
{
    /// <summary>Where the build copies the bundled table, relative to the binaries.</summary>
    public static readonly string BundledFile = Path.Combine("data", "nas-bench-macro_cifar10.csv");

    public const double ValidationShare = 0.2;

    public const int Seed = 0;

    public const int Adapters = 3;

    // Graphs per step: the base's larger batch is what fits ~90 s on two cores (see the Predict README's table).
    public const int BaseBatch = 32;

    public const int AdapterBatch = 32;

    public bool IsBundled => Path.GetFullPath(DataFile) == Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, BundledFile));

    /// <summary>The recipe the settings ask for: the bundled table unless <see cref="PredictSettings.DefaultPredictor"/> names a file.</summary>
    public static DefaultPredictorRecipe From(PredictSettings settings) => new(
        settings.DefaultPredictor is { Length: > 0 } file ? Path.GetFullPath(file) : Path.Combine(AppContext.BaseDirectory, BundledFile),
        settings.DefaultPredictorMetric, settings.DefaultPredictorArchitectures, settings.DefaultPredictorEpochs, settings.DefaultPredictorAdapterEpochs);

    /// <summary>The data file's SHA-256 and the settings, as one text: equal fingerprints make equal predictors (up to
    /// the multi-threaded CPU training's rounding).</summary>
    public string Fingerprint(byte[] data) => string.Create(CultureInfo.InvariantCulture,
        $"{ContentHash.Of(data)}/{Metric}/n{Architectures}/base{BaseEpochs}x{BaseBatch}/adapters{Adapters}x{AdapterEpochs}x{AdapterBatch}/v{ValidationShare}/seed{Seed}");

    /// <summary>For people and for the runs it scores (an <c>AdapterTrained</c>'s source).</summary>
    public string Describe(int trainCount) => string.Create(CultureInfo.InvariantCulture,
        $"AIO-P GNN pretrained on {(IsBundled ? "NAS-Bench-Macro" : Path.GetFileName(DataFile))} {Metric} " +
        $"({(IsBundled ? $"bundled data/{Path.GetFileName(DataFile)}" : DataFile)}, {trainCount} architectures, " +
        $"{BaseEpochs}+{AdapterEpochs} epochs, seed {Seed})");
}
