using System.Globalization;
using NasPipeline.ArchitectureData;
using NasPipeline.ArchitectureData.Importing;
using NasPipeline.Prediction.Registry;
using NasPipeline.Predictors.Evaluation;
using NasPipeline.Predictors.Gnn.Evaluation;

namespace NasPipeline.Prediction.Defaults;

/// <summary>Trains the default predictor from its recipe: no database, no bus (the stage stores and registers it).</summary>
public static class DefaultPredictorTraining
{
    /// <summary>The file's architectures that carry the metric: JSON Lines from <c>nasp data import</c>, else a NAS-Bench-Macro CSV.</summary>
    public static IReadOnlyList<ArchitectureRecord> Load(DefaultPredictorRecipe recipe)
    {
        var records = recipe.DataFile.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? ArchitectureDataset.Read(recipe.DataFile)
            : new NasBenchMacroImporter().Import(recipe.DataFile);
        return records.Where(r => r.Metrics.ContainsKey(recipe.Metric)).ToList();
    }

    /// <summary>The seeded subset of <see cref="DefaultPredictorRecipe.Architectures"/> records (all when there are fewer), in file order.</summary>
    public static IReadOnlyList<ArchitectureRecord> Subset(IReadOnlyList<ArchitectureRecord> records, DefaultPredictorRecipe recipe) =>
        records.Count <= recipe.Architectures
            ? records
            : PredictorEvaluation.Shuffle(records.Count, DefaultPredictorRecipe.Seed)[..recipe.Architectures].Order().Select(i => records[i]).ToList();

    /// <summary>Base, then K-Adapters; <paramref name="progress"/> hears one line per tenth of each phase's epochs.
    /// Cancelling stops it at the next epoch's end.</summary>
    public static TrainedPredictor Train(IReadOnlyList<ArchitectureRecord> records, DefaultPredictorRecipe recipe, Action<string> progress, CancellationToken cancellationToken)
    {
        var subset = Subset(records, recipe);
        if (subset.Count < 10)
        {
            throw new ArgumentException($"{recipe.DataFile} holds {subset.Count} architectures with a '{recipe.Metric}' metric; the default predictor needs at least 10.");
        }

        var samples = subset.Select(r => GnnSample.Of(r.Graph)).ToList();
        var labels = subset.Select(r => r.Metrics[recipe.Metric]).ToList();
        var baseOptions = Phase(new GnnTrainingOptions { Epochs = recipe.BaseEpochs, Batch = DefaultPredictorRecipe.BaseBatch }, "base", progress, cancellationToken);
        var adapterOptions = Phase(new GnnTrainingOptions
        {
            Epochs = recipe.AdapterEpochs, Batch = DefaultPredictorRecipe.AdapterBatch, Adapters = DefaultPredictorRecipe.Adapters,
        }, "adapters", progress, cancellationToken);
        return PredictorTraining.Train(samples, labels, null, baseOptions, adapterOptions, DefaultPredictorRecipe.ValidationShare, DefaultPredictorRecipe.Seed);
    }

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
