using NasPipeline.ComputationGraph;
using NasPipeline.SearchSpaces;
using NasPipeline.SearchSpaces.MobileNetV3;
using NasPipeline.SearchSpaces.NasVit;
using NasPipeline.Supernet.Designs;
using NasPipeline.Supernet.Tests.Fixtures;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Tests.Designs;

/// <summary>
/// The supernet of each built-in space must hold, for every point, exactly the network the space writes as ONNX:
/// the extracted subnet's conv and linear weights add up to what GraphExtract counts in the space's ONNX (minus the
/// biases the ONNX has where the supernet keeps BatchNorm), and its feature maps have the space's widths and sizes.
/// </summary>
public sealed class SpaceDesignTests
{
    public static TheoryData<string> Spaces => new() { "mbv3-28", "nasvit-hybrid" };

    [Theory]
    [MemberData(nameof(Spaces))]
    public void Extracted_subnet_has_the_weights_the_space_network_declares(string name)
    {
        Torch.Ready();
        var space = SearchSpaceRegistry.CreateDefault().Get(name);
        var supernet = SupernetDesigns.Create(space, seed: 3);
        foreach (var point in Points(space))
        {
            var subnet = supernet.Extract(point);
            var parameters = subnet.Module.parameters().ToList();
            var graph = new OnnxGraphExtractor().Extract(space.ToOnnx(point), ExtractionOptions.ForInput(Input(space, point)));

            var convWeights = graph.Nodes.Where(n => n.OpType == "Conv").Sum(n => n.Params - (n.HasBias ? n.OutputShapes[0][1] : 0));
            var linearWeights = graph.Nodes.Where(n => n.OpType is "MatMul" or "Gemm").Sum(n => n.Params);
            Assert.Equal(convWeights, parameters.Where(p => p.dim() == 4).Sum(p => p.numel()));
            Assert.Equal(linearWeights, parameters.Where(p => p.dim() == 2).Sum(p => p.numel()));
        }
    }

    [Theory]
    [MemberData(nameof(Spaces))]
    public void Feature_levels_have_the_space_widths_and_strides(string name)
    {
        Torch.Ready();
        var space = SearchSpaceRegistry.CreateDefault().Get(name);
        var supernet = SupernetDesigns.Create(space, seed: 3);
        IReadOnlyList<SearchSpaces.Architecture.FeatureLevel> levels = name == "mbv3-28" ? [.. MobileNetV3Space.FeatureLevels, new(MobileNetV3Space.FeatureMixChannels, 8)] : NasVitHybridSpace.FeatureLevels;
        Assert.Equal(levels.Select(l => (l.Channels, l.Stride)), supernet.Features.Levels.Select(l => (l.Channels, l.Stride)));

        supernet.Module.eval();
        using var images = rand(2, 1, 28, 28);
        var largest = supernet.Space.Largest;
        supernet.Activate(largest);
        var features = supernet.Forward(images);
        var resolution = name == "mbv3-28" ? 28 : 32;
        for (var i = 0; i < levels.Count; i++)
        {
            Assert.Equal(new long[] { 2, levels[i].Channels, Ceil(resolution, levels[i].Stride), Ceil(resolution, levels[i].Stride) }, features[i].shape);
        }
    }

    private static long Ceil(int size, int stride) => (size + stride - 1) / stride;

    private static string Input(ISearchSpace space, IReadOnlyList<int> point)
    {
        var resolution = space switch
        {
            MobileNetV3Space mbv3 => mbv3.Decode(point).Resolution,
            NasVitHybridSpace hybrid => hybrid.Decode(point).Resolution,
            _ => throw new NotSupportedException(space.Name),
        };
        return $"1x1x{resolution}x{resolution}";
    }

    private static IEnumerable<IReadOnlyList<int>> Points(ISearchSpace space)
    {
        yield return space.Smallest;
        yield return space.Largest;
        var random = new Random(11);
        for (var i = 0; i < 6; i++)
        {
            yield return space.Sample(random);
        }
    }
}
