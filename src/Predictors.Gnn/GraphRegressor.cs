namespace NasPipeline.Predictors.Gnn;

using NasPipeline.ComputationGraph;
using NasPipeline.Predictors.Gnn.Featurisation;
using NasPipeline.Predictors.Gnn.Layers;
using NasPipeline.Predictors.Gnn.Training;
using NasPipeline.TorchRuntime;
using static TorchSharp.torch;

/// <summary>
/// AIO-P's GNN performance predictor on computation graphs: GraphConv x 6 (width 32, tanh), mean
/// pooling, MLP head, trained with MSE and Adam. Labels are taken as given: transform them first
/// (<see cref="Labels.LabelTransform"/>) and invert predictions before computing metrics.
/// </summary>
public sealed class GraphRegressor : IDisposable
{
    private readonly Random shuffle;

    public GraphRegressor(GraphRegressorOptions? options = null)
    {
        TorchEnvironment.EnsureAvailable();
        Options = options ?? new GraphRegressorOptions();
        Network = new GraphRegressorNetwork(Options);
        SeededInit.Apply(Network, new Generator((ulong)Options.Seed));
        shuffle = new Random(unchecked((int)Options.Seed));
    }

    public GraphRegressorOptions Options { get; }

    internal GraphRegressorNetwork Network { get; }

    public FitReport Fit(IReadOnlyList<ComputationGraph> graphs, IReadOnlyList<double> labels, int epochs, int batch, Action<int, double>? epochDone = null) =>
        Fit(GraphFeatures.Of(graphs), labels, epochs, batch, epochDone);

    /// <summary>Trains on pre-featurised graphs; repeated calls continue from the current weights.</summary>
    public FitReport Fit(IReadOnlyList<GraphSample> samples, IReadOnlyList<double> labels, int epochs, int batch, Action<int, double>? epochDone = null)
    {
        Network.train();
        return RegressionTraining.Fit(
            Network.parameters().ToArray(), Network.forward, samples, labels, epochs, batch, Options.LearningRate, shuffle, epochDone);
    }

    public double[] Predict(IReadOnlyList<ComputationGraph> graphs) => Predict(GraphFeatures.Of(graphs));

    public double[] Predict(IReadOnlyList<GraphSample> samples)
    {
        Network.eval();
        return RegressionTraining.Predict(Network.forward, samples, rows: 1, Options.PredictBatch, Options.PredictNodeBudget)[0];
    }

    /// <summary>Options and weights, for the blob store.</summary>
    public byte[] ToBytes() => ModelBytes.Write(ModelBytes.RegressorMagic, writer =>
    {
        ModelBytes.WriteOptions(writer, Options);
        Network.save(writer);
    });

    public static GraphRegressor FromBytes(byte[] bytes) => ModelBytes.Read(bytes, ModelBytes.RegressorMagic, reader =>
    {
        var regressor = new GraphRegressor(ModelBytes.ReadOptions(reader));
        regressor.Network.load(reader);
        return regressor;
    });

    public void Dispose() => Network.Dispose();
}
