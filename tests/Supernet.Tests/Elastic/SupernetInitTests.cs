using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Designs;
using NasPipeline.Supernet.Elastic;
using NasPipeline.Supernet.Tests.Fixtures;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Tests.Elastic;

public sealed class SupernetInitTests
{
    private static ElasticSupernet Tiny(SupernetInit? init)
    {
        Torch.Ready();
        return new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 5, init: init);
    }

    private static bool All(Tensor t, float value) => t.eq(value).all().item<bool>();

    [Fact]
    public void Only_the_last_gamma_of_blocks_with_a_skip_is_zeroed_and_nothing_else_changes()
    {
        var plain = Tiny(null).Module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var zeroed = Tiny(new SupernetInit(ZeroInitResidualGamma: true)).Module;
        var blocks = zeroed.modules().OfType<ElasticMbConv>().Distinct().ToList(); // a module is listed once per name it is registered under
        var gammas = blocks.Where(b => b.Residual).Select(b => b.ProjectGamma.Handle).ToHashSet();

        // Tiny hybrid: the first layer of each conv stage and the transformer's entry are strided; the second layers have a skip.
        Assert.Equal(2, gammas.Count);
        Assert.Equal(3, blocks.Count(b => !b.Residual));
        foreach (var (name, parameter) in zeroed.named_parameters())
        {
            if (gammas.Contains(parameter.Handle))
            {
                Assert.True(All(parameter, 0f) && All(plain[name], 1f), name);
            }
            else
            {
                Assert.True(parameter.equal(plain[name]).all().item<bool>(), name);
            }
        }
    }

    [Fact]
    public void A_block_with_a_zero_gamma_starts_as_the_identity()
    {
        var supernet = Tiny(new SupernetInit(ZeroInitResidualGamma: true));
        var block = supernet.Module.modules().OfType<ElasticMbConv>().First(b => b.Residual);
        block.train();
        using var input = rand([2, 16, 7, 7], generator: Modules.Seeded(1));

        Assert.Equal(0.0, Modules.MaxAbsDifference(block.forward(input), input));
    }

    [Fact]
    public void Switchable_scales_start_at_the_given_value()
    {
        var supernet = Tiny(new SupernetInit(SwitchableScalingInitial: 1e-4));
        var scales = supernet.Module.named_parameters().Where(p => p.name.Contains("scale_", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(scales);
        Assert.All(scales, p => Assert.True(All(p.parameter, 1e-4f), p.name));
        Assert.All(Tiny(null).Module.named_parameters().Where(p => p.name.Contains("scale_", StringComparison.Ordinal)), p => Assert.True(All(p.parameter, 1f), p.name));
    }

    [Fact]
    public void The_real_space_zeroes_its_residual_blocks_through_the_designs()
    {
        var space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");
        var blocks = SupernetDesigns.Create(space, 3, init: SupernetInit.Recommended).Module.modules().OfType<ElasticMbConv>().ToList();

        Assert.Contains(blocks, b => b.Residual);
        Assert.Contains(blocks, b => !b.Residual);
        Assert.All(blocks, b => Assert.True(All(b.ProjectGamma, b.Residual ? 0f : 1f)));
    }
}
