using System.Globalization;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Defaults;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Predict;

/// <summary>What the default predictor is trained on, checked against the bundled CSV read independently.</summary>
public sealed class DefaultPredictorTrainingTests
{
    private static readonly DefaultPredictorRecipe Recipe = DefaultPredictorRecipe.From(SmallDefaultPredictor.Apply(new PredictSettings()));

    [Fact]
    public void The_sample_is_the_seeded_rows_of_the_bundled_table_each_with_its_own_network()
    {
        var lines = File.ReadAllLines(Recipe.DataFile);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();

        var sample = DefaultPredictorTraining.Load(Recipe);

        var picked = DefaultPredictorTraining.SampleRows(rows.Count, Recipe);
        Assert.Equal(SmallDefaultPredictor.Architectures, sample.Count);
        Assert.Equal(SmallDefaultPredictor.Architectures, picked.Distinct().Count());
        for (var i = 0; i < sample.Count; i++)
        {
            var row = rows[picked[i]];
            Assert.Equal(row[Array.IndexOf(header, "arch")], sample[i].Encoding);
            Assert.Equal(double.Parse(row[Array.IndexOf(header, "mean_acc")], CultureInfo.InvariantCulture), sample[i].Metrics["mean_acc"]);
            // NAS-Bench-Macro's FLOPs column is the network's MACs: the rebuilt network is the row's.
            Assert.Equal(long.Parse(row[Array.IndexOf(header, "flops")], CultureInfo.InvariantCulture), sample[i].Macs);
        }
    }

    [Fact]
    public void The_fingerprint_changes_with_the_data_and_with_every_setting()
    {
        byte[] data = [1, 2, 3];
        var fingerprints = new[]
        {
            Recipe.Fingerprint(data),
            Recipe.Fingerprint([1, 2, 4]),
            (Recipe with { Architectures = Recipe.Architectures + 1 }).Fingerprint(data),
            (Recipe with { BaseEpochs = Recipe.BaseEpochs + 1 }).Fingerprint(data),
            (Recipe with { AdapterEpochs = Recipe.AdapterEpochs + 1 }).Fingerprint(data),
            (Recipe with { Metric = "std" }).Fingerprint(data),
        };

        Assert.Equal(fingerprints.Length, fingerprints.Distinct().Count());
        Assert.Equal(Recipe.Fingerprint(data), (Recipe with { }).Fingerprint(data));
    }

    [Fact]
    public void The_bundled_table_is_next_to_the_binaries_and_described_as_bundled()
    {
        Assert.True(File.Exists(Recipe.DataFile), Recipe.DataFile);
        Assert.True(Recipe.IsBundled);
        Assert.Equal($"AIO-P GNN pretrained on NAS-Bench-Macro mean_acc (bundled data/nas-bench-macro_cifar10.csv, 40 architectures, " +
            $"{SmallDefaultPredictor.Epochs}+{SmallDefaultPredictor.Epochs} epochs, seed 0)", Recipe.Describe(40));
    }
}
