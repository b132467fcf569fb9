using NasPipeline.Search.Mutation;

namespace NasPipeline.Search.Tests.Mutation;

public sealed class MutantChoiceTests
{
    [Fact]
    public void The_mutant_with_the_most_headroom_wins_over_a_cheaper_one_with_less()
    {
        // Mutant 0 is cheapest but spends more metric than mutant 2.
        Assert.Equal(2, MutantChoice.Pick([0.01, 0.5, 0.3], [50, 100, 80], currentMacs: 100));
    }

    [Fact]
    public void Equal_headroom_goes_to_the_fewest_macs_then_the_first_drawn()
    {
        Assert.Equal(1, MutantChoice.Pick([0.2, 0.2, 0.2], [90, 70, 70], currentMacs: 100));
        Assert.Equal(0, MutantChoice.Pick([0.0, 0.0], [60, 60], currentMacs: 100));
    }

    [Fact]
    public void A_lower_predicted_metric_an_unscored_task_or_no_saving_disqualifies()
    {
        Assert.Null(MutantChoice.Pick([-1e-9, double.NaN, 0.4], [10, 10, 100], currentMacs: 100));
        Assert.Equal(2, MutantChoice.Pick([-1e-9, double.NaN, 0.0], [10, 10, 99], currentMacs: 100));
        Assert.Null(MutantChoice.Pick([], [], currentMacs: 100));
    }

    [Fact]
    public void A_step_cap_passes_over_a_mutant_that_cuts_more_than_its_fraction_of_the_current_macs()
    {
        // 1000 MACs and a 3% cap: 970 (a cut of exactly 30) qualifies, 969 does not, however much headroom it has.
        Assert.Equal(0, MutantChoice.Pick([0.9, 0.1], [969, 970], currentMacs: 1000));
        Assert.Equal(1, MutantChoice.Pick([0.9, 0.1], [969, 970], currentMacs: 1000, maxStepCut: 0.03));
        Assert.Null(MutantChoice.Pick([0.9, 0.1], [500, 960], currentMacs: 1000, maxStepCut: 0.03));
    }

    [Fact]
    public void With_kept_shares_the_largest_share_left_wins_and_headroom_breaks_ties_among_qualifying_mutants()
    {
        // Mutant 3 leaves the most but is predicted below the original; 1 and 2 leave alike, and 2 has more headroom.
        Assert.Equal(2, MutantChoice.Pick([0.9, 0.1, 0.2, -0.1], [900, 980, 970, 990], currentMacs: 1000, keptShare: [0.75, 0.9375, 0.9375, 1.0]));
        Assert.Equal(0, MutantChoice.Pick([0.9, 0.1], [900, 980], currentMacs: 1000, keptShare: [0.75, 0.75]));
    }

    [Fact]
    public void An_allowance_lets_a_mutant_predicted_that_far_below_qualify_and_no_further()
    {
        // Mutant 0 is 0.002 below with an allowance of 0.002 (qualifies); mutant 1 is 0.003 below with 0.002 (does not).
        Assert.Null(MutantChoice.Pick([-0.002, -0.003], [900, 800], currentMacs: 1000));
        Assert.Equal(0, MutantChoice.Pick([-0.002, -0.003], [900, 800], currentMacs: 1000, allowance: [0.002, 0.002]));
        Assert.Equal(1, MutantChoice.Pick([-0.002, -0.003], [900, 800], currentMacs: 1000, allowance: [0.0, 0.003]));
    }
}
