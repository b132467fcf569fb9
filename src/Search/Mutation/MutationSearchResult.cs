using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Mutation;

/// <summary>The original and the kept network (ONNX bytes with weights, and exact graph), their predicted metrics, the
/// mutations that lead from one to the other, how many candidates were scored, and where the kept weights come from.</summary>
public sealed record MutationSearchResult(
    ComputationGraph.ComputationGraph Original,
    double OriginalMetric,
    byte[] BestModel,
    ComputationGraph.ComputationGraph Best,
    double BestMetric,
    IReadOnlyList<NetworkMutation> Mutations,
    int CandidatesScored,
    string Scorer,
    WeightFill Weights)
{
    public double MacReduction => 1.0 - (double)Best.TotalMacs / Original.TotalMacs;

    public double ParamsReduction => 1.0 - (double)Best.TotalParams / Original.TotalParams;
}
