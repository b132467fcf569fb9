namespace NasPipeline.Predictors.Gnn.Tests.Adapters;

using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Predictors.Gnn.Labels;
using NasPipeline.Predictors.Gnn.Tests.Support;

/// <summary>The stored form of a task's predictor: adapters plus label transform, scores in the task's units.</summary>
[Collection(TrainingCollection.Name)]
public sealed class TaskPredictorTests(PretrainedBase pretrained)
{
    private static readonly GnnTrainingOptions Options = new() { Epochs = 3, Batch = 16, LearningRate = 1e-3, Adapters = 3, Transform = LabelTransformKind.StandFlops };

    [Fact]
    public void Bytes_round_trip_gives_identical_scores_and_transform()
    {
        var (train, labels, test) = Data();
        using var predictor = TaskPredictor.Fit(pretrained.Regressor, train, labels, Options, seed: 1);

        using var loaded = TaskPredictor.FromBytes(predictor.ToBytes());

        Assert.Equal(predictor.Transform, loaded.Transform);
        Assert.Equal(predictor.Score(test), loaded.Score(test));
    }

    [Fact]
    public void Score_is_mean_and_spread_of_each_adapter_in_label_units()
    {
        var (train, labels, test) = Data();
        using var predictor = TaskPredictor.Fit(pretrained.Regressor, train, labels, Options, seed: 2);
        using var adapters = KAdapterPredictor.FromBytes(predictor.ToBytes()[HeaderLength(predictor)..]);

        var scores = predictor.Score(test);

        // Recompute from the raw adapter outputs: y = (z * std + mean) * (log10(GFLOPs + 1) + 1), then mean and population std.
        var raw = adapters.PredictEach(test.Select(s => s.Graph).ToArray());
        for (var i = 0; i < test.Length; i++)
        {
            var divisor = Math.Log10(test[i].GigaFlops + 1) + 1;
            var values = raw.Select(row => ((row[i] * predictor.Transform.Std) + predictor.Transform.Mean) * divisor).ToArray();
            var mean = values.Average();
            Assert.Equal(mean, scores[i].Mean, 9);
            Assert.Equal(Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length), scores[i].Spread, 9);
        }

        Assert.Contains(scores, s => s.Spread > 0);
        Assert.Equal(scores.Select(s => s.Mean), predictor.Predict(test));
    }

    [Fact]
    public void Bytes_of_another_model_kind_are_refused() =>
        Assert.Throws<InvalidDataException>(() => TaskPredictor.FromBytes(pretrained.Regressor.ToBytes()));

    // The adapter blob sits after the header (magic, version, width), the transform (kind, mean, std) and its length.
    private static int HeaderLength(TaskPredictor predictor)
    {
        var bytes = predictor.ToBytes();
        using var reader = new BinaryReader(new MemoryStream(bytes));
        reader.ReadString();
        reader.ReadInt32();
        reader.ReadInt32();
        reader.ReadInt32();
        reader.ReadDouble();
        reader.ReadDouble();
        reader.ReadInt32();
        return (int)reader.BaseStream.Position;
    }

    private (GnnSample[] Train, double[] Labels, GnnSample[] Test) Data()
    {
        var graphs = SyntheticCnnGraphs.Generate(60, seed: 21);
        var samples = graphs.Select(GnnSample.Of).ToArray();
        return (samples[..40], graphs.Take(40).Select(SyntheticCnnGraphs.MeanKernel).ToArray(), samples[40..]);
    }
}
