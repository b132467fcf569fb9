namespace NasPipeline.Predictors.Gnn.Tests.Evaluation;

using NasPipeline.ComputationGraph;
using NasPipeline.Predictors.Evaluation;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Predictors.Gnn.Labels;
using NasPipeline.Predictors.Gnn.Tests.Support;
using NasPipeline.Predictors.Metrics;
using Xunit.Abstractions;

/// <summary>The `predictor eval` GNN models on synthetic CNN graphs: from scratch, zero-shot and K-Adapter transfer.</summary>
[Collection(TrainingCollection.Name)]
public sealed class GnnEvaluationTests(PretrainedBase shared, ITestOutputHelper output)
{
    private static readonly IReadOnlyList<ComputationGraph> Graphs = SyntheticCnnGraphs.Generate(120, seed: 11);
    private static readonly IReadOnlyList<GnnSample> Samples = Graphs.Select(GnnSample.Of).ToArray();
    private static readonly GnnTrainingOptions Fast = new() { Epochs = 30, Batch = 16, LearningRate = 1e-3 };

    [Theory]
    [InlineData(LabelTransformKind.Stand)]
    [InlineData(LabelTransformKind.StandFlops)]
    public void Gnn_from_scratch_ranks_held_out_graphs_and_predicts_in_label_units(LabelTransformKind transform)
    {
        _ = shared;
        // log10 MACs shifted away from zero: only an inverted transform brings predictions back near the labels.
        var labels = Graphs.Select(g => 10 + SyntheticCnnGraphs.LogMacs(g)).ToArray();
        using var predictor = new GnnPredictor(Fast with { Transform = transform }, seed: 1);

        predictor.Fit(Samples.Take(60).ToArray(), labels.Take(60).ToArray());
        var predicted = predictor.Predict(Samples.Skip(60).ToArray());

        var truth = labels.Skip(60).ToArray();
        var srcc = RankCorrelation.Spearman(truth, predicted);
        var bias = predicted.Average() - truth.Average();
        var spread = truth.Average(l => Math.Abs(l - truth.Average()));
        output.WriteLine($"{transform}: SRCC {srcc:F3}, mean bias {bias:F3} (labels' mean deviation {spread:F3})");
        Assert.True(srcc > 0.75, $"SRCC {srcc:F3}");
        Assert.True(Math.Abs(bias) < spread, $"mean bias {bias:F3}: predictions are not in label units");
    }

    [Fact]
    public void Same_seed_gives_identical_predictions_and_another_seed_differs()
    {
        var labels = Graphs.Take(40).Select(SyntheticCnnGraphs.LogMacs).ToArray();
        var options = Fast with { Epochs = 3 };
        double[] Run(int seed)
        {
            using var predictor = new GnnPredictor(options, seed);
            predictor.Fit(Samples.Take(40).ToArray(), labels);
            return predictor.Predict(Samples.Skip(40).ToArray()).ToArray();
        }

        Assert.Equal(Run(4), Run(4));
        Assert.NotEqual(Run(4), Run(5));
    }

    [Fact]
    public void Gnn_from_scratch_refuses_zero_training_samples()
    {
        using var predictor = new GnnPredictor(Fast, 0);
        Assert.Throws<ArgumentException>(() => predictor.Fit([], []));
    }

    [Fact]
    public void Zero_shot_is_the_pretrained_gnn_as_is_in_the_source_units()
    {
        using var pretrained = Pretrain(epochs: 2);
        using var zeroShot = new GnnAdapterPredictor(pretrained, Fast, seed: 0);

        zeroShot.Fit([], []);

        var test = Samples.Skip(80).ToArray();
        var raw = pretrained.Regressor.Predict(test.Select(s => s.Graph).ToArray());
        var expected = raw.Select(v => v * pretrained.Transform.Std + pretrained.Transform.Mean).ToArray();
        Assert.Equal(expected, zeroShot.Predict(test).ToArray(), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void Adapters_on_fifty_samples_of_a_second_task_beat_zero_shot_and_leave_the_pretrained_gnn_unchanged()
    {
        // Source task: log10 MACs on every graph; target: mean conv kernel size, nearly independent of it.
        using var pretrained = Pretrain(epochs: 30);
        var before = ParameterSnapshot.Of(pretrained.Regressor.Network.parameters());
        var target = Graphs.Select(SyntheticCnnGraphs.MeanKernel).ToArray();

        var zeroShot = PredictorEvaluation.Run(Samples, target, s => new GnnAdapterPredictor(pretrained, Fast, s), trainSize: 0, seeds: [1]);
        var adapted = PredictorEvaluation.Run(Samples, target, s => new GnnAdapterPredictor(pretrained, Fast with { Adapters = 2 }, s), trainSize: 50, seeds: [1]);

        output.WriteLine($"target SRCC: zero-shot {zeroShot.Srcc.Mean:F3}, adapters on 50 {adapted.Srcc.Mean:F3} (MAE {adapted.Mae.Mean:F3})");
        Assert.True(adapted.Srcc.Mean > zeroShot.Srcc.Mean + 0.2, $"adapters {adapted.Srcc.Mean:F3} vs zero-shot {zeroShot.Srcc.Mean:F3}");
        Assert.True(adapted.Srcc.Mean > 0.6, $"adapters {adapted.Srcc.Mean:F3}");
        Assert.True(ParameterSnapshot.Identical(before, ParameterSnapshot.Of(pretrained.Regressor.Network.parameters())), "the pretrained GNN changed");
    }

    [Fact]
    public void Progress_is_reported_once_per_epoch()
    {
        var epochs = new List<int>();
        using var predictor = new GnnPredictor(Fast with { Epochs = 4, EpochDone = (e, _) => epochs.Add(e) }, 0);

        predictor.Fit(Samples.Take(20).ToArray(), Graphs.Take(20).Select(SyntheticCnnGraphs.LogMacs).ToArray());

        Assert.Equal([1, 2, 3, 4], epochs);
    }

    private static PretrainedGnn Pretrain(int epochs) =>
        PretrainedGnn.Fit(Samples, Graphs.Select(SyntheticCnnGraphs.LogMacs).ToArray(), Fast with { Epochs = epochs }, seed: 7);
}
