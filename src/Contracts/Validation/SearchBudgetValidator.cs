using FluentValidation;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Validation;

/// <summary>
/// The one set of bounds on a search budget, for a submission's budget and for the Search stage's configuration
/// alike. Parts left null are not checked (they take the configured value, checked at the stage's start).
/// </summary>
public sealed class SearchBudgetValidator : AbstractValidator<SearchBudget>
{
    // NSGA-III mates by binary tournament and keeps reference-point niches: below 4 individuals it has nothing to choose.
    public const int MinPopulation = 4;
    public const int MaxPopulation = 1000;
    public const int MaxGenerations = 1000;
    public const int MaxIterations = 100;
    public const int MaxInitialSamples = 10_000;
    public const int MaxPseudoLabels = 500;

    public SearchBudgetValidator()
    {
        Bounded(b => b.Population, "The NSGA-III population", MinPopulation, MaxPopulation);
        Bounded(b => b.Generations, "The number of generations per iteration", 0, MaxGenerations);
        Bounded(b => b.Iterations, "The number of NAT iterations", 1, MaxIterations);
        Bounded(b => b.AdaptPerIteration, "The number of subnets adapted per iteration", 0, MaxPopulation);
        Bounded(b => b.InitialSamples, "The number of initial random samples", 0, MaxInitialSamples);
        Bounded(b => b.PseudoLabels, "The number of networks pseudo-labelled per task", 0, MaxPseudoLabels);
    }

    private void Bounded(System.Linq.Expressions.Expression<Func<SearchBudget, int?>> part, string what, int min, int max) =>
        RuleFor(part).Must(v => v is null || (v >= min && v <= max))
            .WithMessage((_, v) => $"{what} must be between {min} and {max}, not {v}.");
}
