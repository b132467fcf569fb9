using NasPipeline.ComputationGraph;
using NasPipeline.ComputationGraph.Editing;
using NasPipeline.Search.Mutation;
using NasPipeline.Tests.Shared.Onnx;
using Xunit.Abstractions;

namespace NasPipeline.Search.Tests.Mutation;

/// <summary>
/// The kept network of a mutation search loads and runs in ONNX Runtime. With the submitted model's real weights
/// (small_cnn_28) a mutation computes what the original computes once the channels or taps it drops are made to
/// contribute nothing; with stripped weights (the torchvision fixtures) the missing tensors are seeded and that is said.
/// </summary>
public sealed class KeptNetworkOnnxRuntimeTests(ITestOutputHelper output)
{
    private static readonly byte[] SmallCnn = Fixtures.Read("small_cnn_28.onnx");

    [Fact]
    public void The_kept_network_of_a_model_with_weights_runs_on_the_submitted_weights()
    {
        var extraction = ExtractionOptions.ForInput("1x1x28x28");
        var original = new OnnxGraphExtractor().Extract(SmallCnn, extraction);

        var result = new MutationSearch(new ParamsSaturationScorer(original.TotalParams, 0.5))
            .Run(SmallCnn, new MutationSearchOptions(extraction, Seed: 2) { Steps = 6 });

        Assert.NotEmpty(result.Mutations);
        Assert.Equal(0, result.Weights.Filled);
        var output = OnnxRuntimeRun.OnRandomInput(result.BestModel, seed: 1).Values.Single();
        Assert.Equal([1L, 10], output.Shape);
        Assert.All(output.Values, v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [InlineData("resnet18.onnx")]
    [InlineData("mobilenet_v2.onnx")]
    public void The_kept_network_of_a_stripped_export_runs_on_seeded_weights_and_says_so(string file)
    {
        var bytes = Fixtures.Read(file);
        var extraction = ExtractionOptions.ForInput("1x3x224x224");
        var original = new OnnxGraphExtractor().Extract(bytes, extraction);
        var search = new MutationSearch(new ParamsSaturationScorer(original.TotalParams, 0.9));
        var options = new MutationSearchOptions(extraction, Seed: 5) { Steps = 2, CandidatesPerStep = 4 };

        var result = search.Run(bytes, options);

        Assert.NotEmpty(result.Mutations);
        Assert.InRange(result.Weights.Filled, 1, result.Weights.Tensors);
        Assert.Contains("seeded He-normal (seed 5)", result.Weights.Describe(), StringComparison.Ordinal);
        Assert.Equal(result.Weights.Describe(), OnnxRuntimeRun.Metadata(result.BestModel)[KeptNetwork.WeightsMetadataKey]);
        var output = OnnxRuntimeRun.OnRandomInput(result.BestModel, seed: 1).Values.Single();
        Assert.Equal([1L, 1000], output.Shape);
        Assert.All(output.Values, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(result.BestModel, search.Run(bytes, options).BestModel);
    }

    [Fact]
    public void A_channel_shrink_computes_what_the_original_does_when_the_dropped_channels_feed_nothing()
    {
        // conv1 (8 outputs) -> relu -> pool -> conv2 [16, 8, 3, 3]: zero conv2's taps on inputs 6 and 7, then keep 6.
        var conv2 = Conv(SmallCnn, 1);
        var silenced = WeightValues.Replace(SmallCnn, conv2, (i, v) => i / 9 % 8 >= 6 ? 0f : v);
        var model = OnnxModelEditor.Parse(silenced);
        var analysis = ChannelGroupAnalysis.Of(model);

        ChannelShrink.Apply(model, analysis, analysis.Shrinkable().Single(g => g.Channels == 8), 6);

        AssertSameOutputs(silenced, KeptNetwork.Of(model, seed: 0).Onnx, [1, 1, 28, 28]);
    }

    [Fact]
    public void A_kernel_shrink_computes_what_the_original_does_when_the_outer_taps_are_zero()
    {
        // conv1 [8, 1, 3, 3] with only its centre tap left becomes a 1x1 conv without padding.
        var conv1 = Conv(SmallCnn, 0);
        var centred = WeightValues.Replace(SmallCnn, conv1, (i, v) => i % 9 == 4 ? v : 0f);
        var model = OnnxModelEditor.Parse(centred);

        KernelShrink.Apply(model, OnnxModelEditor.NodeName(model.Nodes.Single(n => n.OpType == "Conv" && n.Input[1] == conv1)));

        AssertSameOutputs(centred, KeptNetwork.Of(model, seed: 0).Onnx, [1, 1, 28, 28]);
    }

    [Fact]
    public void Removing_a_block_computes_what_the_original_does_when_the_block_adds_zero()
    {
        // TinyModels.Residual: y = C(relu(A x) + B(relu(A x))); with B's weight and bias zero, B adds nothing.
        var silenced = WeightValues.Replace(WeightValues.Replace(WeightValues.Random(TinyModels.Residual(), seed: 4), "w_4", (_, _) => 0f), "b_5", (_, _) => 0f);
        var model = OnnxModelEditor.Parse(silenced);

        BlockRemoval.Apply(model, new BlockRemoval.Block("add_7", "relu_3", 1));

        AssertSameOutputs(silenced, KeptNetwork.Of(model, seed: 0).Onnx, [1, 8, TinyModels.Side, TinyModels.Side]);
    }

    /// <summary>The weight of the <paramref name="index"/>-th Conv node.</summary>
    private static string Conv(byte[] onnx, int index) =>
        OnnxModelEditor.Parse(onnx).Nodes.Where(n => n.OpType == "Conv").ElementAt(index).Input[1];

    private void AssertSameOutputs(byte[] original, byte[] mutated, long[] shape)
    {
        var random = new Random(9);
        var input = Enumerable.Range(0, (int)shape.Aggregate(1L, (a, d) => a * d)).Select(_ => (float)random.NextDouble()).ToArray();
        var expected = OnnxRuntimeRun.On(original, shape, input).Values.Single();
        var actual = OnnxRuntimeRun.On(mutated, shape, input).Values.Single();
        Assert.Equal(expected.Shape, actual.Shape);
        var difference = expected.Values.Zip(actual.Values, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"max |mutated - original| = {difference:E2} (outputs up to {expected.Values.Max(Math.Abs):G3})");
        Assert.True(difference < 1e-5, $"max abs difference {difference:E2}");
        Assert.True(expected.Values.Any(v => v != 0), "the outputs are all zero, which proves nothing");
    }
}
