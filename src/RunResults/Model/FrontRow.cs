namespace NasPipeline.RunResults.Model;

/// <summary>
/// A member of a Pareto front: the candidate, its exact MACs and params (null when its search space is not known here),
/// and each objective's value in the run's objective order, metrics with where they came from.
/// </summary>
public sealed record FrontRow(string Candidate, long? Macs, long? Params, IReadOnlyList<ResultValue> Values)
{
    public ResultValue? Value(string name) => Values.FirstOrDefault(v => v.Name == name);
}
