using System.Globalization;
using NasPipeline.ArchitectureData;
using NasPipeline.ArchitectureData.Csv;
using NasPipeline.ArchitectureData.Importing;
using NasPipeline.Prediction.Registry;
using NasPipeline.Predictors.Evaluation;
using NasPipeline.Predictors.Gnn.Evaluation;

namespace NasPipeline.Prediction.Defaults;

/// <summary>Trains the default predictor from its recipe: no database, no bus (the stage stores and registers it).</summary>
public static class DefaultPredictorTraining
{
    /// <summary>
    /// The recipe's seeded sample of the file's architectures that carry the metric (all of them when there are no more
    /// than <see cref="DefaultPredictorRecipe.Architectures"/>), in file order. A NAS-Bench-Macro CSV builds only the
    /// sampled networks (building all 6,561 took a third of the first use on a loaded machine); JSON Lines from
    /// <c>nasp data import</c> hold their graphs already.
    /// </summary>
    public static IReadOnlyList<ArchitectureRecord> Load(DefaultPredictorRecipe recipe)
    {
        if (recipe.DataFile.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || recipe.DataFile.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase))
        {
            return Sample(ArchitectureDataset.Read(recipe.DataFile).Where(r => r.Metrics.ContainsKey(recipe.Metric)).ToList(), recipe);
        }

        using var reader = new StreamReader(recipe.DataFile);
        var rows = CsvReader.Read(reader).Where(row => HasNumber(row, recipe.Metric)).ToList();
        return new NasBenchMacroImporter().Import(Sample(rows, recipe)).ToList();
    }

    /// <summary>Which of <paramref name="count"/> eligible rows the recipe trains and validates on, ascending.</summary>
    public static int[] SampleRows(int count, DefaultPredictorRecipe recipe) =>
        count <= recipe.Architectures
            ? Enumerable.Range(0, count).ToArray()
            : PredictorEvaluation.Shuffle(count, DefaultPredictorRecipe.Seed)[..recipe.Architectures].Order().ToArray();

    /// <summary>Base, then K-Adapters, on the loaded sample; <paramref name="progress"/> hears one line per tenth of
    /// each phase's epochs. Cancelling stops it at the next epoch's end.</summary>
    public static TrainedPredictor Train(IReadOnlyList<ArchitectureRecord> sample, DefaultPredictorRecipe recipe, Action<string> progress, CancellationToken cancellationToken)
    {
        if (sample.Count < 10)
        {
            throw new ArgumentException($"{recipe.DataFile} holds {sample.Count} architectures with a '{recipe.Metric}' metric; the default predictor needs at least 10.");
        }

        var samples = sample.Select(r => GnnSample.Of(r.Graph)).ToList();
        var labels = sample.Select(r => r.Metrics[recipe.Metric]).ToList();
        var baseOptions = Phase(new GnnTrainingOptions { Epochs = recipe.BaseEpochs, Batch = DefaultPredictorRecipe.BaseBatch }, "base", progress, cancellationToken);
        var adapterOptions = Phase(new GnnTrainingOptions
        {
            Epochs = recipe.AdapterEpochs, Batch = DefaultPredictorRecipe.AdapterBatch, Adapters = DefaultPredictorRecipe.Adapters,
        }, "adapters", progress, cancellationToken);
        return PredictorTraining.Train(samples, labels, null, baseOptions, adapterOptions, DefaultPredictorRecipe.ValidationShare, DefaultPredictorRecipe.Seed);
    }

    private static List<T> Sample<T>(IReadOnlyList<T> items, DefaultPredictorRecipe recipe) => SampleRows(items.Count, recipe).Select(i => items[i]).ToList();

    private static bool HasNumber(CsvRow row, string column) =>
        row.Header.Contains(column, StringComparer.OrdinalIgnoreCase) && double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static GnnTrainingOptions Phase(GnnTrainingOptions options, string label, Action<string> progress, CancellationToken cancellationToken)
    {
        var every = Math.Max(1, options.Epochs / 10);
        return options with
        {
            EpochDone = (epoch, loss) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (epoch % every == 0 || epoch == options.Epochs)
                {
                    progress(string.Create(CultureInfo.InvariantCulture, $"{label}: epoch {epoch}/{options.Epochs}, loss {loss:F4}"));
                }
            },
        };
    }
}
