using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Remapping;
using NasPipeline.Fna.Super;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Tests;

/// <summary>FNA's network expansion (seed to super network) and remapping (seed to derived network), checked by
/// what the remapped networks compute and by the values of single tensors.</summary>
public sealed class ExpansionTests
{
    private static readonly int K3E6 = SuperNetworkSpace.Default.Candidates(false).ToList().IndexOf(LayerOp.MbConv(3, 6));
    private static readonly int K7E6 = SuperNetworkSpace.Default.Candidates(false).ToList().IndexOf(LayerOp.MbConv(7, 6));
    private static readonly int K3E3 = SuperNetworkSpace.Default.Candidates(false).ToList().IndexOf(LayerOp.MbConv(3, 3));

    [Fact]
    public void Super_network_on_the_seeds_path_computes_what_the_seed_computes()
    {
        using var seed = Networks.Seed();
        using var super = Expanded(seed);
        var images = Networks.Images(7);

        // The seed's two blocks per stage, then the added layer skipped.
        super.UsePath(Path(super, i => i < 2 ? K3E6 : Skip(super)));
        var difference = Networks.MaxDifference(seed.Forward(images), super.Forward(images));

        Assert.True(difference < 1e-5, $"max difference {difference}");
    }

    [Fact]
    public void A_kernel_grown_to_7x7_keeps_the_seeds_function()
    {
        using var seed = Networks.Seed();
        using var super = Expanded(seed);
        var images = Networks.Images(8);

        super.UsePath(Path(super, i => i < 2 ? K7E6 : Skip(super)));
        var difference = Networks.MaxDifference(seed.Forward(images), super.Forward(images));

        Assert.True(difference < 1e-5, $"max difference {difference}");
    }

    [Fact]
    public void An_added_layer_copies_the_stages_last_block()
    {
        using var seed = Networks.Seed();
        using var super = Expanded(seed);

        var last = Tensors(seed.Blocks[1][1]);
        var added = Tensors(super.Stages[1][2].Block(K3E6)!);

        Assert.Equal(last.Keys.Order(), added.Keys.Order());
        Assert.All(last, p => Assert.True(Same(p.Value, added[p.Key]), p.Key));
    }

    [Fact]
    public void A_narrower_expansion_keeps_the_first_hidden_channels()
    {
        using var seed = Networks.Seed();
        using var super = Expanded(seed);
        var from = Tensors(seed.Blocks[2][0]);
        var into = Tensors(super.Stages[2][0].Block(K3E3)!);
        var hidden = 32 * 3;

        Assert.Equal([hidden, 32, 1, 1], into["expand.weight"].shape);
        Assert.True(Same(into["expand.weight"], from["expand.weight"].narrow(0, 0, hidden)));
        Assert.True(Same(into["expand_bn.running_var"], from["expand_bn.running_var"].narrow(0, 0, hidden)));
        Assert.True(Same(into["depthwise.weight"], from["depthwise.weight"].narrow(0, 0, hidden)));
        Assert.True(Same(into["project.weight"], from["project.weight"].narrow(1, 0, hidden)));
        Assert.True(Same(into["project_bn.weight"], from["project_bn.weight"]));
    }

    [Fact]
    public void A_derived_network_with_larger_kernels_and_a_deeper_stage_starts_as_the_seed()
    {
        using var seed = Networks.Seed();
        var k5 = LayerOp.MbConv(5, 6);
        var target = seed.Architecture.WithLayers(
        [
            [k5, k5],
            [LayerOp.MbConv(7, 6), LayerOp.Skip, LayerOp.MbConv(3, 6)],
            [k5, k5],
            [k5, k5],
        ]);
        using var derived = new ChainNetwork(target);

        NetworkExpansion.RemapInto(seed, derived);
        derived.eval();

        // Stage 1's second block is the seed's second block; the stage has no third, so no added block breaks the
        // equality: the derived network computes the seed's function.
        var images = Networks.Images(9);
        var difference = Networks.MaxDifference(seed.Forward(images), derived.Forward(images));
        Assert.True(difference < 1e-5, $"max difference {difference}");
    }

    [Fact]
    public void A_derived_stage_deeper_than_the_seeds_takes_the_last_block_for_its_extra_layers()
    {
        using var seed = Networks.Seed();
        var k3 = LayerOp.MbConv(3, 6);
        using var derived = new ChainNetwork(seed.Architecture.WithLayers([[k3, k3, k3], [k3, k3], [k3], [k3, k3]]));

        NetworkExpansion.RemapInto(seed, derived);

        var third = Tensors(derived.Blocks[0][2]);
        Assert.All(Tensors(seed.Blocks[0][1]), p => Assert.True(Same(p.Value, third[p.Key]), p.Key));
        Assert.Single(derived.Blocks[2]);
    }

    [Fact]
    public void Remapping_refuses_a_network_with_other_widths()
    {
        using var seed = Networks.Seed();
        var other = seed.Architecture with { Stages = seed.Architecture.Stages.Select(s => s with { Channels = s.Channels * 2 }).ToList() };
        using var wider = new ChainNetwork(other);

        var error = Assert.Throws<ArgumentException>(() => NetworkExpansion.RemapInto(seed, wider));
        Assert.Contains("widths and strides", error.Message);
    }

    private static SuperChain Expanded(ChainNetwork seed)
    {
        var super = new SuperChain(seed.Architecture, SuperNetworkSpace.Default);
        NetworkExpansion.ExpandInto(seed, super);
        super.eval();
        return super;
    }

    private static int Skip(SuperChain super) => super.Space.Candidates(true).Count - 1;

    private static IReadOnlyList<IReadOnlyList<int>> Path(SuperChain super, Func<int, int> choice) =>
        super.Stages.Select(s => (IReadOnlyList<int>)Enumerable.Range(0, s.Count).Select(choice).ToList()).ToList();

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static Dictionary<string, Tensor> Tensors(nn.Module module) => ModuleTensors.Of(module);
}
