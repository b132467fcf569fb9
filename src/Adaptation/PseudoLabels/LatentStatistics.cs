using NasPipeline.Supernet;
using NasPipeline.TorchRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.PseudoLabels;

/// <summary>One feature level's latent distribution for a batch: per element, the mean and the unbiased standard
/// deviation across the population's subnets.</summary>
public sealed record LatentLevel(Tensor Mean, Tensor Std);

/// <summary>
/// What AIO-P's shared task head trains on: the population's features for a batch of images, summarised per level as a
/// mean and an unbiased standard deviation across subnets, and samples <c>mean + ε·std</c> drawn from them.
/// </summary>
public static class LatentStatistics
{
    /// <summary>Each member's feature levels for the images (no gradient; the supernet in the mode it is in, and left
    /// activated at the last member), then per level the mean and unbiased standard deviation across members.</summary>
    public static IReadOnlyList<LatentLevel> Of(ISupernet supernet, IReadOnlyList<IReadOnlyList<int>> population, Tensor images)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(population.Count, 2, nameof(population));
        using var _ = no_grad();
        var perMember = new List<Tensor[]>(population.Count);
        foreach (var member in population)
        {
            supernet.Activate(member);
            perMember.Add(supernet.Forward(images));
        }

        var levels = new List<LatentLevel>();
        for (var level = 0; level < perMember[0].Length; level++)
        {
            using var stacked = stack(perMember.Select(m => m[level]).ToArray());
            levels.Add(new LatentLevel(stacked.mean([0]), stacked.std(0, unbiased: true)));
        }

        foreach (var tensor in perMember.SelectMany(m => m))
        {
            tensor.Dispose();
        }

        return levels;
    }

    /// <summary>One latent per level: <c>mean + ε·std</c>, ε standard normal from <paramref name="generator"/>.</summary>
    public static Tensor[] Sample(IReadOnlyList<LatentLevel> levels, Generator generator) =>
        levels.Select(l => l.Mean.add(randn(l.Mean.shape, generator: generator).mul_(l.Std), HeldScalars.One)).ToArray();
}
