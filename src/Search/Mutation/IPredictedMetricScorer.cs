namespace NasPipeline.Search.Mutation;

/// <summary>The predicted metric (higher is better) of each computation graph, scored as one batch; the Predict
/// stage's GNN predictor plugs in here.</summary>
public interface IPredictedMetricScorer
{
    string Name { get; }

    IReadOnlyList<double> Score(IReadOnlyList<ComputationGraph.ComputationGraph> graphs);
}
