using System.Text.Json;
using NasPipeline.ComputationGraph;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Designs;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Export;
using NasPipeline.Supernet.Tests.Fixtures;
using NasPipeline.Supernet.Training;
using NasPipeline.Tests.Shared.Onnx;
using Xunit.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Tests.Export;

/// <summary>
/// A point exported as ONNX is the supernet's subnet: ONNX Runtime's outputs equal the supernet's TorchSharp outputs for
/// that subnet in eval mode (BN recalibrated, affine parameters and switchable scales moved off their initial values so
/// the folding is exercised), within 1e-4, for the smallest, the largest and a random point of both spaces. The
/// supernet reads 28-px images and resizes them to the point's resolution; the exported network reads the resized ones.
/// </summary>
public sealed class SubnetOnnxExportTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string, string> Points => new()
    {
        { "mbv3-28", "smallest" }, { "mbv3-28", "largest" }, { "mbv3-28", "random" },
        { "nasvit-hybrid", "smallest" }, { "nasvit-hybrid", "largest" }, { "nasvit-hybrid", "random" },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Onnx_runtime_computes_what_a_checkpointed_supernet_computes_for_the_subnet(string spaceName, string which)
    {
        var (space, point) = Point(spaceName, which);
        var supernet = Prepared(space, point);
        var checkpoint = SupernetCheckpoint.Save(supernet, label: JsonSerializer.Serialize(new SupernetRecipe(Space: space.Name, Seed: 5)));

        var exported = SubnetExport.FromCheckpoint(checkpoint, space, point, "test.ckpt");

        var difference = MaxDifference(supernet, point, exported.Onnx);
        output.WriteLine($"{CandidateCodec.Encode(space.Name, point)} from a checkpoint: max |ORT - TorchSharp| = {difference:E2}");
        Assert.True(difference <= Tolerance, $"max abs difference {difference:E2}");
        var metadata = OnnxRuntimeRun.Metadata(exported.Onnx);
        Assert.StartsWith("inherited from supernet checkpoint test.ckpt", metadata[SubnetExport.WeightsMetadataKey], StringComparison.Ordinal);
        Assert.Equal(CandidateCodec.Encode(space.Name, point), metadata[SubnetExport.PointMetadataKey]);
    }

    [Theory]
    [InlineData("smallest")]
    [InlineData("random")]
    public void A_supernet_with_kernel_transforms_exports_the_kernels_it_convolves_with(string which)
    {
        var (space, point) = Point("mbv3-28", which);
        var supernet = Prepared(space, point, kernelTransforms: true);
        var checkpoint = SupernetCheckpoint.Save(supernet, label: JsonSerializer.Serialize(new SupernetRecipe(Space: space.Name, Seed: 5, KernelTransforms: true)));

        var exported = SubnetExport.FromCheckpoint(checkpoint, space, point, "test.ckpt");

        var difference = MaxDifference(supernet, point, exported.Onnx);
        output.WriteLine($"{CandidateCodec.Encode(space.Name, point)} with kernel transforms: max |ORT - TorchSharp| = {difference:E2}");
        Assert.True(difference <= Tolerance, $"max abs difference {difference:E2}");
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Without_a_checkpoint_the_seeded_supernet_is_exported_says_so_and_costs_what_the_space_counts(string spaceName, string which)
    {
        var (space, point) = Point(spaceName, which);

        var exported = SubnetExport.Seeded(space, point, seed: 9);

        Torch.Ready();
        var supernet = SupernetDesigns.Create(space, seed: 9);
        var difference = MaxDifference(supernet, point, exported.Onnx);
        output.WriteLine($"{CandidateCodec.Encode(space.Name, point)} seeded: max |ORT - TorchSharp| = {difference:E2}");
        Assert.True(difference <= Tolerance, $"max abs difference {difference:E2}");
        Assert.Contains("seeded initialisation of the", OnnxRuntimeRun.Metadata(exported.Onnx)[SubnetExport.WeightsMetadataKey], StringComparison.Ordinal);

        // The runnable network is the space's network: GraphExtract counts what the space counts.
        var resolution = supernet.Design.Decode(point).Resolution;
        var graph = new OnnxGraphExtractor().Extract(exported.Onnx, ExtractionOptions.ForInput($"1x1x{resolution}x{resolution}"));
        Assert.Equal(space.Cost(point), new ArchitectureCost(graph.TotalMacs, graph.TotalParams));
    }

    private static (ISearchSpace Space, IReadOnlyList<int> Point) Point(string spaceName, string which)
    {
        var space = SearchSpaceRegistry.CreateDefault().Get(spaceName);
        return (space, which switch
        {
            "smallest" => space.Smallest,
            "largest" => space.Largest,
            _ => space.Sample(new Random(7)),
        });
    }

    /// <summary>A seeded supernet whose affine parameters, biases and switchable scales are moved off their initial
    /// values, activated at the point, its BN statistics then recalibrated for that subnet on random images (as
    /// <c>nasp subnet eval</c> does), so every folded BatchNorm has statistics of its own.</summary>
    private static ElasticSupernet Prepared(ISearchSpace space, IReadOnlyList<int> point, bool kernelTransforms = false)
    {
        Torch.Ready();
        var supernet = SupernetDesigns.Create(space, seed: 5, kernelTransforms: kernelTransforms);
        var generator = Modules.Seeded(6);
        using (no_grad())
        {
            foreach (var (name, tensor) in supernet.Module.state_dict())
            {
                var moved = (tensor.dim() == 1 && !name.Contains("running_", StringComparison.Ordinal)) || name.Contains(".transform", StringComparison.Ordinal);
                if (moved && tensor.dtype == ScalarType.Float32)
                {
                    using var noise = randn(tensor.shape, generator: generator).mul_(0.2);
                    tensor.add_(noise);
                }
            }
        }

        supernet.Activate(point);
        BatchNormRecalibration.Recalibrate(supernet, Enumerable.Range(0, 2).Select(_ => rand([16, 1, 28, 28], generator: generator)).ToList());
        return supernet;
    }

    private static double MaxDifference(ElasticSupernet supernet, IReadOnlyList<int> point, byte[] onnx)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        supernet.Activate(point);
        supernet.Module.eval();
        var images = rand([2, 1, 28, 28], generator: Modules.Seeded(8));
        var expected = supernet.Forward(images);
        // The exported network takes images at the point's resolution: the supernet's own input resize, done by torch.
        var resolution = supernet.Design.Decode(point).Resolution;
        var resized = resolution == 28 ? images : nn.functional.interpolate(images, [resolution, resolution], mode: InterpolationMode.Bilinear, align_corners: false);
        var actual = OnnxRuntimeRun.On(onnx, [2, 1, resolution, resolution], resized.contiguous().data<float>().ToArray());

        Assert.Equal(expected.Length, actual.Count);
        var difference = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var feature = actual[$"feature{i}"];
            Assert.Equal(expected[i].shape, feature.Shape);
            var values = expected[i].contiguous().data<float>().ToArray();
            difference = Math.Max(difference, values.Zip(feature.Values, (a, b) => (double)Math.Abs(a - b)).Max());
        }

        return difference;
    }
}
