using NasPipeline.Adaptation.PseudoLabels;
using NasPipeline.Supernet;
using NasPipeline.Supernet.Tests.Fixtures;
using static NasPipeline.Supernet.Tests.Fixtures.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Tests.PseudoLabels;

/// <summary>The latent mean and standard deviation are those of the members' own features, computed here element by
/// element in double; a sample is the mean plus standard-normal noise times the deviation.</summary>
public sealed class LatentStatisticsTests
{
    [Fact]
    public void Mean_and_unbiased_deviation_are_the_members_features_summarised_element_by_element()
    {
        using var scope = NewDisposeScope();
        var supernet = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 5);
        supernet.Module.eval();
        var population = new LatentPopulation(TinyHybrid.Space, size: 3, bins: 1, seed: 6, heldGenes: [0]);
        var images = rand([2, 1, 28, 28], generator: Seeded(7));

        var levels = LatentStatistics.Of(supernet, population.Members, images);

        var features = population.Members.Select(m =>
        {
            supernet.Activate(m);
            using var _ = no_grad();
            return supernet.Forward(images).Select(Torch.Values).ToArray();
        }).ToList();
        Assert.Equal(2, levels.Count);
        for (var level = 0; level < levels.Count; level++)
        {
            var count = features[0][level].Length;
            var mean = new double[count];
            var std = new double[count];
            for (var e = 0; e < count; e++)
            {
                var values = features.Select(f => f[level][e]).ToArray();
                mean[e] = values.Average();
                std[e] = Math.Sqrt(values.Sum(v => (v - mean[e]) * (v - mean[e])) / (values.Length - 1));
            }

            Assert.True(std.Max() > 0, "the members' features differ");
            Torch.Close(mean, levels[level].Mean, 1e-5);
            Torch.Close(std, levels[level].Std, 1e-5);
        }
    }

    [Fact]
    public void A_sample_is_the_mean_plus_standard_normal_noise_times_the_deviation()
    {
        Torch.Ready();
        using var scope = NewDisposeScope();
        var level = new LatentLevel(tensor(new float[] { 1, -2, 0.5f, 3 }).reshape(1, 4), tensor(new float[] { 0.5f, 0, 2, 1 }).reshape(1, 4));

        var sample = LatentStatistics.Sample([level], Seeded(11)).Single();

        var noise = Torch.Values(randn([1, 4], generator: Seeded(11)));
        double[] expected = [1 + (noise[0] * 0.5), -2, 0.5 + (noise[2] * 2), 3 + noise[3]];
        Torch.Close(expected, sample, 1e-6);
    }
}
