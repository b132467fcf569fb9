using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.ComputationGraph.Tests.Support;
using NasPipeline.ComputationGraph.Tests.TestData;
using static NasPipeline.ComputationGraph.Tests.Support.ModelBuilder;

namespace NasPipeline.ComputationGraph.Tests.Inference;

/// <summary>Ops old model zoos still carry (Crop, ImageScaler, Upsample before opset 10, Scatter), each on a tiny
/// hand-built model whose output shape is worked out by hand in the comment above the assertion.</summary>
public sealed class DeprecatedOpTests
{
    private static readonly OnnxGraphExtractor Extractor = new();

    [Fact]
    public void Crop_cuts_its_four_borders()
    {
        var model = Old(7).Input("x", 1, 3, 10, 12).Node("Crop", ["x"], ["y"], Attr("border", 1, 2, 3, 4)).Output("y").Build();

        // border = (left 1, top 2, right 3, bottom 4): H 10 - 2 - 4 = 4, W 12 - 1 - 3 = 8.
        Assert.Equal([1L, 3, 4, 8], Extractor.Extract(model).Outputs[0].Shape);
    }

    [Fact]
    public void Crop_with_a_scale_takes_that_window_from_the_left_top_border()
    {
        var model = Old(7).Input("x", 2, 3, 10, 12).Node("Crop", ["x"], ["y"], Attr("border", 2, 1, 0, 0), Attr("scale", 5, 6)).Output("y").Build();

        // scale = (height 5, width 6) from (left 2, top 1): rows 1..5 and columns 2..7 of the 10x12 map.
        Assert.Equal([2L, 3, 5, 6], Extractor.Extract(model).Outputs[0].Shape);
        Assert.Equal(0, Extractor.Extract(model).TotalMacs);
    }

    [Theory]
    [InlineData(new long[] { 0, 6, 0, 5 }, null)]
    [InlineData(new long[] { 0, 1, 0, 0 }, new long[] { 10, 6 })]
    [InlineData(new long[] { 1, 1, 1 }, null)]
    public void Crop_larger_than_its_input_is_an_invalid_model(long[] border, long[]? scale)
    {
        var attributes = scale is null ? new[] { Attr("border", border) } : [Attr("border", border), Attr("scale", scale)];
        var model = Old(7).Input("x", 1, 3, 10, 12).Node("Crop", ["x"], ["y"], attributes).Output("y").Build();

        // 6 + 5 rows of border > 10; top 1 + 10 rows > 10; three borders are not four.
        var error = Assert.Throws<GraphExtractionException>(() => Extractor.Extract(model));
        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.Contains("Crop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageScaler_keeps_the_shape_and_needs_one_bias_per_channel()
    {
        var good = Old(7).Input("x", 1, 3, 8, 8).Node("ImageScaler", ["x"], ["y"], FloatAttr("scale", 2f), FloatsAttr("bias", 1f, 2f, 3f)).Output("y").Build();
        var bad = Old(7).Input("x", 1, 3, 8, 8).Node("ImageScaler", ["x"], ["y"], FloatsAttr("bias", 1f, 2f)).Output("y").Build();

        // y = 2 x + bias[c]: the 1x3x8x8 input's shape.
        Assert.Equal([1L, 3, 8, 8], Extractor.Extract(good).Outputs[0].Shape);
        Assert.Equal(ErrorKind.InvalidModel, Assert.Throws<GraphExtractionException>(() => Extractor.Extract(bad)).Kind);
    }

    [Fact]
    public void Upsample_7_reads_its_scales_attribute()
    {
        var model = Old(7).Input("x", 1, 3, 4, 5).Node("Upsample", ["x"], ["y"], FloatsAttr("scales", 1f, 1f, 2f, 3f)).Output("y").Build();

        // floor(4 x 2) = 8, floor(5 x 3) = 15.
        Assert.Equal([1L, 3, 8, 15], Extractor.Extract(model).Outputs[0].Shape);
    }

    [Fact]
    public void Upsample_9_reads_its_scales_input()
    {
        var builder = Old(9).Input("x", 1, 2, 4, 5);
        builder.Graph.Initializer.Add(new TensorProto { Name = "scales", DataType = Float, Dims = { 4 }, FloatData = { 1f, 1f, 2.5f, 2f } });
        var model = builder.Node("Upsample", ["x", "scales"], ["y"]).Output("y").Build();

        // floor(4 x 2.5) = 10, floor(5 x 2) = 10.
        Assert.Equal([1L, 2, 10, 10], Extractor.Extract(model).Outputs[0].Shape);
    }

    [Fact]
    public void Upsample_1_reads_height_and_width_scales()
    {
        var model = Old(1, irVersion: 3).Input("x", 1, 1, 3, 3).Node("Upsample", ["x"], ["y"], FloatAttr("height_scale", 2f), FloatAttr("width_scale", 3f))
            .Output("y").Build();

        // 3 x 2 = 6 rows, 3 x 3 = 9 columns.
        Assert.Equal([1L, 1, 6, 9], Extractor.Extract(model).Outputs[0].Shape);
    }

    [Fact]
    public void Scatter_9_has_its_data_s_shape_and_checks_indices_against_updates()
    {
        var good = Old(9).Input("data", 3, 4).TypedInput("indices", Int64Type, 2, 4).Input("updates", 2, 4)
            .Node("Scatter", ["data", "indices", "updates"], ["y"], Attr("axis", 0)).Output("y").Build();
        var bad = Old(9).Input("data", 3, 4).TypedInput("indices", Int64Type, 2, 4).Input("updates", 2, 3)
            .Node("Scatter", ["data", "indices", "updates"], ["y"], Attr("axis", 1)).Output("y").Build();

        // Updates are written into a copy of data: the 3x4 data's shape.
        Assert.Equal([3L, 4], Extractor.Extract(good).Outputs[0].Shape);
        Assert.Equal(ErrorKind.InvalidModel, Assert.Throws<GraphExtractionException>(() => Extractor.Extract(bad)).Kind);
    }

    [OnnxTestDataFact]
    public void Onnx_reference_models_of_upsample_and_scatter_infer_their_reference_shapes()
    {
        foreach (var name in new[] { "test_upsample_nearest", "test_scatter_with_axis", "test_scatter_without_axis" })
        {
            var test = OnnxTestCase.Load(Path.Combine(OnnxTestDataFactAttribute.Root, "node", name, "model.onnx"));

            var graph = Extractor.Extract(test.Model, new ExtractionOptions { InputShapes = test.Shapes });

            Assert.Contains(test.OpTypes, op => op is "Upsample" or "Scatter");
            Assert.Equal(test.ExpectedOutputs[0], graph.Outputs[0].Shape);
        }
    }

    private static ModelBuilder Old(long opset, long irVersion = 4) => new(opset, irVersion);

    private static AttributeProto FloatAttr(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static AttributeProto FloatsAttr(string name, params float[] values) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Floats, Floats = { values } };
}
