namespace NasPipeline.Predictors.Gnn.Evaluation;

using NasPipeline.ComputationGraph;
using NasPipeline.Predictors.Gnn.Featurisation;
using NasPipeline.Predictors.Gnn.Labels;

/// <summary>A featurised graph with its GFLOPs (which <c>stand_flops</c> divides by); featurise once, fit many times.</summary>
public sealed record GnnSample(GraphSample Graph, double GigaFlops)
{
    public static GnnSample Of(ComputationGraph graph) => new(GraphFeatures.Of(graph), LabelTransform.GigaFlops(graph));
}
