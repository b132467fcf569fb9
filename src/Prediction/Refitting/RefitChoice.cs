using NasPipeline.Prediction.Models;
using NasPipeline.SearchSpaces;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction.Refitting;

/// <summary>
/// Which refit a task's labels allow: NAT's RBF ensemble when every label is a point of one search space (its setting:
/// a supernet space, a growing archive), AIO-P's K-Adapters over the current GNN's frozen base for any other labels
/// (graphs of arbitrary networks), none with fewer than the minimum of labels or graphs and no GNN to adapt.
/// </summary>
public static class RefitChoice
{
    public static string? KindFor(IReadOnlyDictionary<Candidate, double> labels, string? currentModel, SearchSpaceRegistry spaces, int minSamples)
    {
        if (labels.Count < minSamples)
        {
            return null;
        }

        var spaceNames = labels.Keys.Select(c => PointSpace(c, spaces)).Distinct().ToList();
        if (spaceNames is [{ } single] && single.Length > 0)
        {
            return ModelKinds.Rbf;
        }

        return currentModel == ModelKinds.GnnAdapter ? ModelKinds.GnnAdapter : null;
    }

    /// <summary>The space a candidate is a point of, or "" for anything else (a graph).</summary>
    private static string PointSpace(Candidate candidate, SearchSpaceRegistry spaces) =>
        candidate.Kind == CandidateKind.SpacePoint && CandidateCodec.TryDecode(candidate.Name, out var name, out _) && spaces.TryGet(name, out _) ? name : "";
}
