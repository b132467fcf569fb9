namespace NasPipeline.RunResults.Model;

/// <summary>
/// A network on a mutation search's path: step 0 is the submitted network, each later step a mutant the search kept
/// (in <see cref="Round"/>), the last one the kept network. <see cref="Mutation"/> names the change when the events record it.
/// </summary>
public sealed record PathStep(int Step, int? Round, string Candidate, string? Mutation, long Macs, long Params, IReadOnlyList<ResultValue> Metrics)
{
    public ResultValue? Metric(string name) => Metrics.FirstOrDefault(v => v.Name == name);
}
