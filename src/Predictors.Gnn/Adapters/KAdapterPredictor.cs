namespace NasPipeline.Predictors.Gnn.Adapters;

using NasPipeline.ComputationGraph;
using NasPipeline.Predictors.Gnn.Featurisation;
using NasPipeline.Predictors.Gnn.Layers;
using NasPipeline.Predictors.Gnn.Training;
using static TorchSharp.torch;

/// <summary>
/// A pre-trained <see cref="GraphRegressor"/> (the base) with N <see cref="KAdapter"/>s; the prediction
/// is the mean of the adapters' heads. One fit trains all adapters together on the mean of their MSEs
/// (their parameters are disjoint, so each sees only its own loss), over the parameters
/// <see cref="FineTuneMode"/> names. The predictor holds its own copy of the base, so the caller's
/// regressor never changes.
/// </summary>
public sealed class KAdapterPredictor : IDisposable
{
    private readonly GraphRegressor baseRegressor;
    private readonly KAdapter[] adapters;
    private readonly Random shuffle;

    public KAdapterPredictor(GraphRegressor pretrained, KAdapterOptions? options = null)
        : this(GraphRegressor.FromBytes((pretrained ?? throw new ArgumentNullException(nameof(pretrained))).ToBytes()), options ?? new KAdapterOptions(), initialise: true)
    {
    }

    private KAdapterPredictor(GraphRegressor baseCopy, KAdapterOptions options, bool initialise)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AdapterCount, 1);
        Options = options;
        baseRegressor = baseCopy;
        var generator = new Generator((ulong)options.Seed);
        adapters = Enumerable.Range(0, options.AdapterCount).Select(_ => new KAdapter(baseCopy.Options)).ToArray();
        if (initialise)
        {
            foreach (var adapter in adapters)
            {
                SeededInit.Apply(adapter, generator);
            }
        }

        shuffle = new Random(unchecked((int)options.Seed));
    }

    public KAdapterOptions Options { get; }

    /// <summary>Graphs and nodes per forward pass in <see cref="PredictEach"/> (the base's options).</summary>
    public (int Graphs, int Nodes) PredictBatchLimits => (baseRegressor.Options.PredictBatch, baseRegressor.Options.PredictNodeBudget);

    /// <summary>The predictor's own copy of the base network.</summary>
    internal GraphRegressorNetwork Base => baseRegressor.Network;

    /// <summary>The frozen base as a regressor, for fitting new adapters over it.</summary>
    internal GraphRegressor BaseRegressor => baseRegressor;

    internal IReadOnlyList<KAdapter> Adapters => adapters;

    public FitReport Fit(IReadOnlyList<ComputationGraph> graphs, IReadOnlyList<double> labels, int epochs, int batch, FineTuneMode mode = FineTuneMode.HeadsAndAdapters) =>
        Fit(GraphFeatures.Of(graphs), labels, epochs, batch, mode);

    public FitReport Fit(
        IReadOnlyList<GraphSample> samples, IReadOnlyList<double> labels, int epochs, int batch, FineTuneMode mode = FineTuneMode.HeadsAndAdapters, Action<int, double>? epochDone = null)
    {
        var trainable = Trainable(mode).ToArray();
        // Reference identity: a tensor's Equals is not the question here.
        var trainableSet = new HashSet<object>(trainable, ReferenceEqualityComparer.Instance);
        foreach (var parameter in AllParameters())
        {
            parameter.requires_grad = trainableSet.Contains(parameter);
        }

        Base.train(mode == FineTuneMode.HeadsAndBase);
        foreach (var adapter in adapters)
        {
            adapter.train();
        }

        try
        {
            return RegressionTraining.Fit(trainable, Forward, samples, labels, epochs, batch, Options.LearningRate, shuffle, epochDone);
        }
        finally
        {
            foreach (var parameter in AllParameters())
            {
                parameter.requires_grad = true;
            }
        }
    }

    public double[] Predict(IReadOnlyList<ComputationGraph> graphs) => Predict(GraphFeatures.Of(graphs));

    /// <summary>Mean of the adapters' predictions.</summary>
    public double[] Predict(IReadOnlyList<GraphSample> samples)
    {
        var each = PredictEach(samples);
        return Enumerable.Range(0, samples.Count).Select(i => each.Average(row => row[i])).ToArray();
    }

    /// <summary>Each adapter's predictions: [adapter][graph].</summary>
    public double[][] PredictEach(IReadOnlyList<GraphSample> samples)
    {
        Base.eval();
        foreach (var adapter in adapters)
        {
            adapter.eval();
        }

        return RegressionTraining.Predict(Forward, samples, adapters.Length, baseRegressor.Options.PredictBatch, baseRegressor.Options.PredictNodeBudget);
    }

    /// <summary>Base and adapters, for the blob store.</summary>
    public byte[] ToBytes() => ModelBytes.Write(ModelBytes.AdapterMagic, writer =>
    {
        writer.Write(Options.AdapterCount);
        writer.Write(Options.LearningRate);
        writer.Write(Options.Seed);
        var baseBytes = baseRegressor.ToBytes();
        writer.Write(baseBytes.Length);
        writer.Write(baseBytes);
        foreach (var adapter in adapters)
        {
            adapter.save(writer);
        }
    });

    public static KAdapterPredictor FromBytes(byte[] bytes) => ModelBytes.Read(bytes, ModelBytes.AdapterMagic, reader =>
    {
        var options = new KAdapterOptions { AdapterCount = reader.ReadInt32(), LearningRate = reader.ReadDouble(), Seed = reader.ReadInt64() };
        var baseCopy = GraphRegressor.FromBytes(reader.ReadBytes(reader.ReadInt32()));
        var predictor = new KAdapterPredictor(baseCopy, options, initialise: false);
        foreach (var adapter in predictor.adapters)
        {
            adapter.load(reader);
        }

        return predictor;
    });

    public void Dispose()
    {
        foreach (var adapter in adapters)
        {
            adapter.Dispose();
        }

        baseRegressor.Dispose();
    }

    // [adapters, graphs]: the base runs once per batch and every adapter reads its states.
    private Tensor Forward(GraphBatch batch)
    {
        var states = Base.Encoder.HiddenStates(batch);
        return stack(adapters.Select(a => a.Forward(batch, states)), 0);
    }

    private IEnumerable<TorchSharp.Modules.Parameter> Trainable(FineTuneMode mode) => mode switch
    {
        FineTuneMode.HeadsAndAdapters => adapters.SelectMany(a => a.LayerParameters.Concat(a.HeadParameters)),
        FineTuneMode.HeadsOnly => adapters.SelectMany(a => a.HeadParameters),
        FineTuneMode.HeadsAndBase => adapters.SelectMany(a => a.HeadParameters).Concat(Base.Encoder.parameters()),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown fine-tune mode."),
    };

    private IEnumerable<TorchSharp.Modules.Parameter> AllParameters() =>
        Base.parameters().Concat(adapters.SelectMany(a => a.parameters()));
}
