using NasPipeline.Optimization.Problems;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Search.Loop;

/// <summary>A search space as NSGA-III's problem: one integer variable per gene (0 .. choices-1). Evaluation
/// happens elsewhere (Predict stage and exact costs), so <see cref="Evaluate"/> is never called.</summary>
internal sealed class SearchSpaceProblem(ISearchSpace space, int objectives, int constraints) : INsga3Problem
{
    public int VariableCount => space.Genes.Count;

    public int ObjectiveCount => objectives;

    public int ConstraintCount => constraints;

    public IReadOnlyList<double> LowerBounds { get; } = space.Genes.Select(_ => 0.0).ToArray();

    public IReadOnlyList<double> UpperBounds { get; } = space.Genes.Select(g => (double)(g.Choices - 1)).ToArray();

    public IReadOnlyList<bool> IsInteger { get; } = space.Genes.Select(_ => true).ToArray();

    public IReadOnlyList<Evaluation> Evaluate(IReadOnlyList<double[]> decisions) =>
        throw new NotSupportedException("Candidates are scored by the Predict stage; the search loop evaluates them itself.");
}
