namespace NasPipeline.Search.Mutation;

/// <summary>
/// A STAND-IN for the GNN predictor, not a predictor: the "metric" is <c>min(1, params / (retained * params0))</c>,
/// i.e. it assumes a network keeps its accuracy while it keeps at least <c>retained</c> of its weights. With it,
/// mutation search answers "how many MACs can go for at most (1 - retained) of the parameters", which exercises
/// the search; it says nothing about the real metric.
/// </summary>
public sealed class ParamsSaturationScorer(long originalParams, double retained = 0.9) : IPredictedMetricScorer
{
    public string Name => $"params-saturation stand-in (retained {retained:0.##})";

    public IReadOnlyList<double> Score(IReadOnlyList<ComputationGraph.ComputationGraph> graphs) =>
        graphs.Select(g => Math.Min(1.0, g.TotalParams / (retained * originalParams))).ToList();
}
