using NasPipeline.Fna.Costs;

namespace NasPipeline.Fna.Adaptation;

/// <summary>
/// Derivation under a MAC budget (<c>nasp adapt --target-macs</c>): start from each layer's most probable candidate and,
/// while the network is over budget, make the one switch to a cheaper candidate that gives up the least of α's
/// preference per MAC saved (log p(current) - log p(cheaper), divided by the MACs saved), until it fits or no layer has a
/// cheaper candidate left. With the budget met by argmax it is argmax.
/// </summary>
public static class BudgetedDerivation
{
    public static IReadOnlyList<int> Choose(IReadOnlyList<IReadOnlyList<double>> probabilities, SuperChainCosts costs, long macBudget)
    {
        var choices = probabilities.Select(p => p.ToList().IndexOf(p.Max())).ToArray();
        while (costs.MacsOf(choices) > macBudget)
        {
            var best = (Layer: -1, Candidate: -1, Price: double.PositiveInfinity);
            for (var layer = 0; layer < choices.Length; layer++)
            {
                var current = choices[layer];
                for (var candidate = 0; candidate < probabilities[layer].Count; candidate++)
                {
                    var saved = costs.CandidateMacs[layer][current] - costs.CandidateMacs[layer][candidate];
                    if (saved <= 0)
                    {
                        continue;
                    }

                    var price = (Math.Log(probabilities[layer][current]) - Math.Log(probabilities[layer][candidate])) / saved;
                    if (price < best.Price)
                    {
                        best = (layer, candidate, price);
                    }
                }
            }

            if (best.Layer < 0)
            {
                break;
            }

            choices[best.Layer] = best.Candidate;
        }

        return choices;
    }
}
