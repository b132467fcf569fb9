using System.Text.Json;
using NasPipeline.ComputationGraph;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Defaults;
using NasPipeline.Prediction.Models;
using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Predictors.Metrics;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Bench.PseudoLabels;

/// <summary>
/// Issue 14 item 5's second claim: a K-Adapter trained on pseudo-labels ranks networks by their stand-alone truth better
/// than the zero-shot predictor it starts from (the Predict stage's default: AIO-P's GNN pretrained on NAS-Bench-Macro).
/// Reads <see cref="PseudoLabelClaimBench"/>'s records; the truth is only ever compared against, never trained on.
/// Out of fold: new K-Adapters over the default's frozen base, fitted on the pseudo-labels of four fifths of the
/// networks, predict the fifth they did not see (what a run needs: ranking networks nobody labelled). Beside it, the
/// same refit on every pseudo-label scored on those networks, the RBF ensemble the stage refits for points, out of fold,
/// and the pseudo-labels themselves.
/// </summary>
public static class PseudoLabelAdapterBench
{
    private const int Folds = 5;

    public static BenchTable Run(string root, string records, IReadOnlyList<int> seeds)
    {
        var all = File.ReadLines(records).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<PseudoLabelRecord>(l)!).ToList();
        var space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");
        var settings = new PredictSettings();
        var recipe = new DefaultPredictorRecipe(Path.Combine(root, "data", "nas-bench-macro_cifar10.csv"), settings.DefaultPredictorMetric,
            settings.DefaultPredictorArchitectures, settings.DefaultPredictorEpochs, settings.DefaultPredictorAdapterEpochs);
        Console.Error.WriteLine($"[pseudo-label-adapter] training the zero-shot predictor: {recipe.Describe(recipe.Architectures)}");
        using var zeroShot = DefaultPredictorTraining.Train(DefaultPredictorTraining.Load(recipe), recipe, _ => { }, CancellationToken.None);
        var extractor = new OnnxGraphExtractor();
        var table = new BenchTable($"K-Adapters on pseudo-labels vs zero-shot, SRCC against the stand-alone truth (records {Path.GetFileName(Path.GetDirectoryName(records))}; " +
            $"{Folds}-fold, refit seeds {string.Join(",", seeds)}, {settings.AdapterEpochs} adapter epochs)");
        foreach (var group in all.GroupBy(r => r.Task))
        {
            var networks = group.OrderBy(r => r.Index).ToList();
            var samples = networks.Select(r => GnnSample.Of(extractor.Extract(space.ToOnnx(space.Repair(r.Genes.ToArray())), ExtractionOptions.Default))).ToList();
            var truth = networks.Select(r => r.Truth).ToList();
            var pseudo = networks.Select(r => r.Pseudo).ToList();
            var options = new GnnTrainingOptions { Epochs = settings.AdapterEpochs, Transform = zeroShot.Predictor.Transform.Kind };

            var zeroShotSrcc = RankCorrelation.Spearman(truth, zeroShot.Predictor.Predict(samples));
            var adapterOutOfFold = seeds.Average(seed => RankCorrelation.Spearman(truth, OutOfFold(networks.Count, seed, (train, held) =>
            {
                using var refit = zeroShot.Predictor.Refit(train.Select(i => samples[i]).ToList(), train.Select(i => pseudo[i]).ToList(), options, seed);
                return refit.Predict(held.Select(i => samples[i]).ToList());
            })));
            var adapterAll = seeds.Average(seed =>
            {
                using var refit = zeroShot.Predictor.Refit(samples, pseudo, options, seed);
                return RankCorrelation.Spearman(truth, refit.Predict(samples));
            });
            var genes = networks.Select(r => space.Repair(r.Genes.ToArray()).ToArray()).ToList();
            var rbfOutOfFold = seeds.Average(seed => RankCorrelation.Spearman(truth, OutOfFold(networks.Count, seed, (train, held) =>
            {
                using var rbf = new RbfScoringModel(new RbfTrainingSet(space.Name, settings.RbfMembers, seed, train.Select(i => genes[i]).ToList(), train.Select(i => pseudo[i]).ToList()));
                return held.Select(i => rbf.Predict(genes[i]).Mean).ToArray();
            })));
            var name = $"{group.Key} ({networks.Count} networks)";
            table.Add(new BenchRow(name, "K-Adapters on pseudo-labels, unseen fifth", "SRCC vs truth", adapterOutOfFold, "", "zero-shot (default predictor)", zeroShotSrcc));
            table.Add(new BenchRow(name, "K-Adapters on every pseudo-label", "SRCC vs truth", adapterAll, "", "zero-shot (default predictor)", zeroShotSrcc));
            table.Add(new BenchRow(name, "RBF ensemble on pseudo-labels, unseen fifth", "SRCC vs truth", rbfOutOfFold, "", "zero-shot (default predictor)", zeroShotSrcc));
            table.Add(new BenchRow(name, "the pseudo-labels themselves", "SRCC vs truth", RankCorrelation.Spearman(truth, pseudo), "", "zero-shot (default predictor)", zeroShotSrcc));
            Console.Error.WriteLine($"[pseudo-label-adapter] {name}: zero-shot {zeroShotSrcc:F3}, K-Adapters unseen {adapterOutOfFold:F3}, on all {adapterAll:F3}, RBF unseen {rbfOutOfFold:F3}");
        }

        return table;
    }

    /// <summary>Each network's prediction by a model fitted without it: a seeded shuffle dealt into <see cref="Folds"/> folds.</summary>
    private static double[] OutOfFold(int count, int seed, Func<IReadOnlyList<int>, IReadOnlyList<int>, double[]> fitAndPredict)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var predictions = new double[count];
        for (var fold = 0; fold < Folds; fold++)
        {
            var held = order.Where((_, position) => position % Folds == fold).ToList();
            var train = order.Where((_, position) => position % Folds != fold).ToList();
            var predicted = fitAndPredict(train, held);
            for (var i = 0; i < held.Count; i++)
            {
                predictions[held[i]] = predicted[i];
            }
        }

        return predictions;
    }
}
