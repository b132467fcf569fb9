using System.Diagnostics;
using System.Globalization;
using NasPipeline.ArchitectureData.Importing;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Defaults;
using NasPipeline.Predictors.Encoding;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Predictors.Metrics;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Bench;

/// <summary>
/// The Predict stage's default predictor, recipe by recipe: training time (data loading and featurisation included, as
/// on first use) against its held-out validation SRCC and its SRCC on every architecture of the table it did not see;
/// a one-hot ridge regression on the same training architectures is the baseline. How the default's size and epochs
/// were chosen.
/// </summary>
public static class DefaultPredictorBench
{
    /// <summary>Recipes as <c>ARCHITECTURESxBASE_EPOCHSxADAPTER_EPOCHS</c>, e.g. <c>1000x40x20</c>.</summary>
    public static BenchTable Run(string root, IReadOnlyList<string> recipes, int threads)
    {
        TorchEnvironment.Initialise(new TorchOptions { Threads = threads, Device = TorchDeviceKind.Cpu });
        var table = new BenchTable($"Default predictor (NAS-Bench-Macro mean_acc, {threads} torch threads): SRCC on the architectures it did not see");
        var file = Path.Combine(root, "data", "nas-bench-macro_cifar10.csv");
        foreach (var text in recipes)
        {
            var parts = text.Split('x').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            var recipe = new DefaultPredictorRecipe(file, "mean_acc", parts[0], parts[1], parts[2]);
            var clock = Stopwatch.StartNew();
            var sample = DefaultPredictorTraining.Load(recipe);
            var loading = clock.Elapsed.TotalSeconds;
            using var trained = DefaultPredictorTraining.Train(sample, recipe, _ => { }, CancellationToken.None);
            var seconds = clock.Elapsed.TotalSeconds;

            var records = new NasBenchMacroImporter().Import(file).ToList();
            var seen = sample.Select(r => r.Encoding).ToHashSet(StringComparer.Ordinal);
            var unseen = records.Where(r => !seen.Contains(r.Encoding)).ToList();
            var truth = unseen.Select(r => r.Metrics[recipe.Metric]).ToList();
            var srcc = RankCorrelation.Spearman(truth, trained.Predictor.Predict(unseen.Select(r => GnnSample.Of(r.Graph)).ToList()));
            var ridge = new OneHotRidgePredictor();
            var train = sample;
            ridge.Fit(train.Select(r => r.Encoding).ToList(), train.Select(r => r.Metrics[recipe.Metric]).ToList());
            var ridgeSrcc = RankCorrelation.Spearman(truth, ridge.Predict(unseen.Select(r => r.Encoding).ToList()));

            var name = $"{recipe.Architectures} architectures, {recipe.BaseEpochs} base + {recipe.AdapterEpochs} adapter epochs";
            table.Add(new BenchRow("default-predictor", name, "first use: load + train", seconds, "s", $"loading the sample ({sample.Count:N0} graphs)", loading));
            table.Add(new BenchRow("default-predictor", name, $"SRCC on the other {unseen.Count:N0}", srcc, "", "one-hot ridge, same architectures", ridgeSrcc));
            table.Add(new BenchRow("default-predictor", name, "validation SRCC (held-out fifth)", trained.ValidationSrcc, "", "SRCC on the unseen, above", srcc));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {seconds:F1} s, validation SRCC {trained.ValidationSrcc:F3}, unseen SRCC {srcc:F3} (ridge {ridgeSrcc:F3})"));
        }

        return table;
    }
}
