using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Validation;
using NasPipeline.Search.Loop;
using static NasPipeline.Search.Tests.Loop.LoopHarness;

namespace NasPipeline.Search.Tests.Loop;

/// <summary>A submission's own budget against the configured one: what SearchStarted records and what the loop does.</summary>
public class SearchBudgetTests
{
    private static readonly SearchSettings Configured = new(Population: 12, Generations: 4, Iterations: 1, AdaptPerIteration: 0, InitialSamples: 10);

    [Fact]
    public void Without_a_budget_the_run_starts_with_the_configured_settings()
    {
        var started = Assert.IsType<SearchStarted>(new NatSearchDecider(Spaces, Configured).Decide(RunState.Fold(Given()))[0]);

        Assert.Equal(Configured, SearchSettings.Of(started));
    }

    [Fact]
    public void A_submitted_budget_overrides_the_configured_settings_part_by_part()
    {
        var given = WithBudget(new SearchBudget(Population: 8, Generations: 2));

        var stream = Drive(new NatSearchDecider(Spaces, Configured), given);

        Assert.Equal(Configured with { Population = 8, Generations = 2 }, SearchSettings.Of(stream.OfType<SearchStarted>().Single()));
        Assert.Equal([0, 1, 2], stream.OfType<GenerationCompleted>().Select(g => g.Generation));
        Assert.IsType<SearchCompleted>(stream[^1]);
    }

    [Fact]
    public void A_run_with_its_own_budget_redrives_identically_whatever_the_configuration_says_now()
    {
        var stream = Drive(new NatSearchDecider(Spaces, Configured), WithBudget(new SearchBudget(Population: 6, Generations: 1, InitialSamples: 4)));

        var report = SearchRedrive.Check(stream, Spaces);

        Assert.True(report.Identical, $"{report.Recorded}\n!=\n{report.Redriven}");
        Assert.Equal(6, stream.OfType<SearchStarted>().Single().Population);
    }

    [Theory]
    [InlineData(3, 1, 1, "The NSGA-III population must be between 4 and 1000, not 3.")]
    [InlineData(4, 0, 1, "The number of NAT iterations must be between 1 and 100, not 0.")]
    [InlineData(4, 1, -1, "The number of subnets adapted per iteration must be between 0 and 1000, not -1.")]
    public void A_budget_out_of_bounds_is_refused_with_what_and_why(int population, int iterations, int adapt, string message)
    {
        var result = new SearchBudgetValidator().Validate(new SearchBudget(population, 10, iterations, adapt, 0));

        Assert.Equal([message], result.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public void Parts_left_out_are_not_checked_and_the_defaults_pass()
    {
        Assert.True(new SearchBudgetValidator().Validate(new SearchBudget()).IsValid);
        Assert.True(new SearchBudgetValidator().Validate(new SearchSettings().ToBudget()).IsValid);
        Assert.True(new SearchBudgetValidator().Validate(new SearchBudget(Population: 4, Generations: 0)).IsValid);
    }

    [Fact]
    public void A_submission_with_a_bad_budget_is_invalid()
    {
        var submission = (ModelSubmitted)WithBudget(new SearchBudget(Population: 2))[0];

        var result = new ModelSubmittedValidator().Validate(submission);

        Assert.Contains("The NSGA-III population must be between 4 and 1000, not 2.", result.Errors.Select(e => e.ErrorMessage));
    }

    private static List<object> WithBudget(SearchBudget budget)
    {
        var given = Given();
        given[0] = ((ModelSubmitted)given[0]) with { Budget = budget };
        return given;
    }
}
