using System.Globalization;

namespace NasPipeline.Search.Mutation;

/// <summary>Where the weights of a written network come from: of its <see cref="Tensors"/> initializers, <see cref="Filled"/>
/// (<see cref="FilledValues"/> numbers) were missing from the submitted file and are drawn from <see cref="Seed"/>
/// (<see cref="SeededWeights"/>); the rest are the submitted model's own values, sliced where the network shrank.</summary>
public sealed record WeightFill(int Tensors, int Filled, long FilledValues, long Seed)
{
    public string Describe() => Filled == 0
        ? "all weights are the submitted model's (sliced where the network shrank)"
        : string.Create(CultureInfo.InvariantCulture,
            $"{Filled} of {Tensors} weight tensors ({FilledValues:N0} values) were not in the submitted file and are seeded He-normal (seed {Seed}); the rest are the submitted model's");
}
