using NasPipeline.Contracts.Seeds;
using NasPipeline.Optimization.Nsga3;

namespace NasPipeline.Optimization.Tests;

/// <summary>Expected values come from Vigna's reference splitmix64.c (state 0: its first three outputs) and from
/// the same arithmetic done in Python's unbounded integers, not from this code.</summary>
public class SplitMix64Tests
{
    [Theory]
    [InlineData(1UL, 0xE220A8397B1DCDAFUL)]
    [InlineData(2UL, 0x6E789E6AA1B965F4UL)]
    [InlineData(3UL, 0x06C45D188009454FUL)]
    public void Finaliser_of_k_golden_steps_matches_the_reference_generator_from_state_zero(ulong steps, ulong expected)
    {
        Assert.Equal(expected, SplitMix64.Finalise(unchecked(steps * 0x9E3779B97F4A7C15UL)));
    }

    [Theory]
    [InlineData(42L, 7L, 615586571)]
    [InlineData(-5L, -1L, 103511793)]
    [InlineData(0L, -1L, 0)]
    public void Derived_seed_matches_an_independent_computation(long seed, long stream, int expected)
    {
        Assert.Equal(expected, SplitMix64.Derive(seed, stream));
    }

    [Fact]
    public void Generation_random_is_seeded_by_the_one_shared_mixer()
    {
        Assert.Equal(new Random(615586571).Next(), GenerationRandom.Create(42, 7).Next());
    }
}
