namespace NasPipeline.Predictors.Gnn.Tests;

using NasPipeline.Predictors.Gnn.Featurisation;
using NasPipeline.Predictors.Gnn.Tests.Support;
using Xunit.Abstractions;

[Collection(TrainingCollection.Name)]
public sealed class GraphRegressorTests(PretrainedBase pretrained, ITestOutputHelper output)
{
    [Fact]
    public void Learns_log_macs_of_synthetic_cnns_with_held_out_srcc_above_0_8()
    {
        var srcc = pretrained.TaskA.HeldOutSpearman(pretrained.Regressor.Predict(pretrained.TaskA.Test));

        output.WriteLine($"task A held-out SRCC {srcc:F3} after {PretrainedBase.Epochs} epochs; " +
                         $"{pretrained.Report.Elapsed.TotalMilliseconds / PretrainedBase.Epochs:F1} ms/epoch on {pretrained.TaskA.Train.Count} graphs " +
                         $"({pretrained.TaskA.Train.Sum(s => s.NodeCount)} nodes), loss {pretrained.Report.EpochLosses[0]:F3} -> {pretrained.Report.FinalLoss:F3}");
        Assert.True(srcc > 0.8, $"SRCC {srcc:F3}");
        Assert.True(pretrained.Report.FinalLoss < pretrained.Report.EpochLosses[0] / 2);
    }

    [Fact]
    public void Batched_forward_equals_per_graph_forward()
    {
        var samples = pretrained.TaskA.Test.Take(12).ToArray();

        var batched = pretrained.Regressor.Predict(samples);
        var single = samples.Select(s => pretrained.Regressor.Predict([s])[0]).ToArray();

        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(single[i], batched[i], 1e-5);
        }
    }

    [Fact]
    public void Node_budget_bounds_memory_only_every_graph_alone_predicts_the_same()
    {
        var samples = pretrained.TaskA.Test.Take(12).ToArray();
        using var whole = new GraphRegressor(new GraphRegressorOptions { Seed = 5 });
        using var alone = new GraphRegressor(new GraphRegressorOptions { Seed = 5, PredictNodeBudget = 1 });

        var expected = whole.Predict(samples);
        var actual = alone.Predict(samples);

        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5);
        }
    }

    [Fact]
    public void Same_seed_gives_identical_predictions_and_another_seed_does_not()
    {
        var task = pretrained.TaskA;
        double[] Train(long seed)
        {
            using var regressor = new GraphRegressor(new GraphRegressorOptions { Seed = seed });
            regressor.Fit(task.Train.Take(64).ToArray(), task.TrainLabels.Take(64).ToArray(), epochs: 3, batch: 16);
            return regressor.Predict(task.Test);
        }

        var first = Train(11);
        Assert.Equal(first, Train(11));
        Assert.NotEqual(first, Train(12));
    }

    [Fact]
    public void Weights_round_trip_through_bytes()
    {
        var bytes = pretrained.Regressor.ToBytes();
        using var restored = GraphRegressor.FromBytes(bytes);

        Assert.Equal(pretrained.Regressor.Options, restored.Options);
        Assert.Equal(pretrained.Regressor.Predict(pretrained.TaskA.Test), restored.Predict(pretrained.TaskA.Test));
    }

    [Fact]
    public void Bytes_from_another_format_are_refused_with_a_reason()
    {
        using var adapters = new NasPipeline.Predictors.Gnn.Adapters.KAdapterPredictor(pretrained.Regressor, new() { AdapterCount = 1 });

        var error = Assert.Throws<InvalidDataException>(() => GraphRegressor.FromBytes(adapters.ToBytes()));
        Assert.Contains("NASP-GNN", error.Message);
    }

    [Fact]
    public void A_graph_without_edges_predicts_from_its_root_terms()
    {
        var lone = TinyGraphs.GemmSoftmax() with { Edges = [] };

        var sample = GraphFeatures.Of(lone);
        var predicted = pretrained.Regressor.Predict([sample]);

        Assert.Empty(sample.Neighbours);
        Assert.True(double.IsFinite(predicted[0]));
    }

    [Fact]
    public void Featurises_and_predicts_a_real_resnet18_graph()
    {
        var graph = new NasPipeline.ComputationGraph.OnnxGraphExtractor().Extract(
            FixturePaths.Onnx("resnet18.onnx"), NasPipeline.ComputationGraph.ExtractionOptions.ForInput("1x3x224x224"));

        var sample = GraphFeatures.Of(graph);
        var predicted = pretrained.Regressor.Predict([graph]);

        Assert.Equal(graph.Nodes.Count, sample.NodeCount);
        Assert.True(double.IsFinite(predicted[0]));
    }
}
