using NasPipeline.Fna.Adaptation;
using NasPipeline.Fna.Costs;

namespace NasPipeline.Fna.Tests;

/// <summary>Derivation under a MAC budget, on two layers whose costs and probabilities are set by hand (prices worked out
/// in the comments: log-preference given up per MAC saved).</summary>
public sealed class BudgetedDerivationTests
{
    // Fixed 100; layer 0: 50 | 30 | 0 (skip), layer 1: 40 | 10. Argmax [0, 0] costs 190.
    private static readonly SuperChainCosts Costs = new(100, [[50, 30, 0], [40, 10]]);
    private static readonly IReadOnlyList<IReadOnlyList<double>> Probabilities = [[0.5, 0.3, 0.2], [0.6, 0.4]];

    [Theory]
    // Prices from [0, 0]: layer 0 -> 1: ln(.5/.3)/20 = 0.0255; layer 0 -> 2: ln(.5/.2)/50 = 0.0183; layer 1 -> 1: ln(.6/.4)/30 = 0.0135.
    [InlineData(190, new[] { 0, 0 })]
    [InlineData(170, new[] { 0, 1 })]   // layer 1 -> 1 is cheapest: 160 fits
    [InlineData(120, new[] { 2, 1 })]   // then layer 0 -> 2 (0.0183 < 0.0255): 110 fits
    [InlineData(105, new[] { 2, 1 })]   // nothing cheaper is left: 110, over budget
    public void Switches_are_made_cheapest_price_first_until_the_network_fits(long budget, int[] expected)
    {
        var choices = BudgetedDerivation.Choose(Probabilities, Costs, budget);

        Assert.Equal(expected, choices);
    }
}
