using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.RunResults.Model;

/// <summary>
/// What a run found, folded from its events. <see cref="Front"/> is the final front once the search completed, before
/// that the latest generation's (<see cref="Completed"/> tells which). <see cref="Submitted"/> is the submitted network
/// (its exact costs and the predictions it got). <see cref="Path"/> is filled for an ONNX run,
/// <see cref="KeptModelBlobHash"/> names the kept network's ONNX; <see cref="Failure"/> says why a run that failed or was
/// rejected stopped. <see cref="FnaDerived"/> is the architecture FNA derived (a run submitted with <c>--fna</c>, whose
/// path is the submitted network and that one). <see cref="Objectives"/> is the objective order of the
/// fronts; <see cref="Metrics"/> the ones not counted from the network (task metrics, and latency, which is timed).
/// </summary>
public sealed record RunResult(
    Guid RunId,
    RunKind Kind,
    bool Completed,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<string> Objectives,
    FrontRow? Submitted,
    IReadOnlyList<FrontRow> Front,
    IReadOnlyList<PathStep> Path,
    IReadOnlyList<GenerationFront> Generations,
    IReadOnlyList<ScoredCandidate> Candidates,
    string? KeptModelBlobHash,
    string? Failure = null,
    MeasuredNetworks? Measured = null,
    string? FnaDerived = null)
{
    public IReadOnlyList<string> Metrics => Objectives.Where(o => o == CostNames.Latency || !CostNames.All.Contains(o)).ToList();
}
