using NasPipeline.ComputationGraph.Tests.Support;
using static NasPipeline.ComputationGraph.Tests.Support.ModelBuilder;

namespace NasPipeline.ComputationGraph.Tests.Inference;

public sealed class DynamicShapeTests
{
    private static readonly OnnxGraphExtractor Extractor = new();

    /// <summary>The chain exporters emit for x.view(x.size(0), -1): Shape, Gather, Unsqueeze, Concat, Reshape.</summary>
    private static byte[] FlattenByShapeChain() => new ModelBuilder().Input("x", "N", 4, 6)
        .Ints("zero", 0).Ints("minus_one", -1).Ints("axes0", 0)
        .Node("Shape", ["x"], ["s"])
        .Node("Gather", ["s", "zero"], ["n"], Attr("axis", 0L))
        .Node("Concat", ["n", "minus_one"], ["target"], Attr("axis", 0L))
        .Node("Reshape", ["x", "target"], ["y"])
        .Output("y").Build();

    [Fact]
    public void Symbolic_batch_is_resolved_from_the_given_shape_through_a_folded_shape_chain()
    {
        var graph = Extractor.Extract(FlattenByShapeChain(), ExtractionOptions.ForInput("x=3x4x6"));

        Assert.Equal([3L, 24], graph.Outputs[0].Shape);
        Assert.Equal("Reshape", Assert.Single(graph.Nodes).OpType);
    }

    [Fact]
    public void Folded_shape_nodes_can_be_kept_on_request()
    {
        var graph = Extractor.Extract(FlattenByShapeChain(), ExtractionOptions.ForInput("3x4x6") with { IncludeFoldedNodes = true });

        Assert.Equal(["Shape", "Gather", "Concat", "Reshape"], graph.Nodes.Select(n => n.OpType));
    }

    [Fact]
    public void Missing_shape_for_a_symbolic_input_names_the_input()
    {
        var e = Assert.Throws<GraphExtractionException>(() => Extractor.Extract(FlattenByShapeChain()));

        Assert.Equal(ErrorKind.MissingInputShape, e.Kind);
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("[N,4,6]", e.Message, StringComparison.Ordinal);
        Assert.Contains("--input x=1x4x6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbolic_batch_is_taken_as_one_on_request_and_said()
    {
        var notices = new List<string>();

        var graph = Extractor.Extract(FlattenByShapeChain(), new ExtractionOptions { SymbolicBatchAsOne = true, Notice = notices.Add });

        Assert.Equal([1L, 4, 6], graph.Inputs[0].Shape);
        Assert.Equal([1L, 24], graph.Outputs[0].Shape);
        Assert.Equal(["input 'x' has a symbolic batch dimension 'N'; using 1."], notices);
    }

    [Fact]
    public void A_given_shape_wins_over_the_batch_of_one()
    {
        var notices = new List<string>();

        var graph = Extractor.Extract(FlattenByShapeChain(), ExtractionOptions.ForInput("3x4x6") with { SymbolicBatchAsOne = true, Notice = notices.Add });

        Assert.Equal([3L, 24], graph.Outputs[0].Shape);
        Assert.Empty(notices);
    }

    [Fact]
    public void A_batch_shared_by_two_inputs_is_taken_as_one_once()
    {
        var model = new ModelBuilder().Input("a", "B", 8).Input("b", "B", 8).Node("Add", ["a", "b"], ["y"]).Output("y").Build();
        var notices = new List<string>();

        var graph = Extractor.Extract(model, new ExtractionOptions { SymbolicBatchAsOne = true, Notice = notices.Add });

        Assert.Equal([1L, 8], graph.Outputs[0].Shape);
        Assert.Single(notices);
    }

    [Fact]
    public void Symbolic_dims_other_than_the_batch_still_need_a_shape_and_are_named()
    {
        var model = new ModelBuilder().Input("x", "N", "C", 6).Node("Relu", ["x"], ["y"]).Output("y").Build();
        var notices = new List<string>();

        var e = Assert.Throws<GraphExtractionException>(() => Extractor.Extract(model, new ExtractionOptions { SymbolicBatchAsOne = true, Notice = notices.Add }));

        Assert.Equal(ErrorKind.MissingInputShape, e.Kind);
        Assert.Contains("[N,C,6]", e.Message, StringComparison.Ordinal);
        Assert.Contains("not 'C'", e.Message, StringComparison.Ordinal);
        Assert.Empty(notices);
    }

    [Fact]
    public void Given_shape_that_contradicts_a_fixed_dim_is_rejected()
    {
        var e = Assert.Throws<GraphExtractionException>(() => Extractor.Extract(FlattenByShapeChain(), ExtractionOptions.ForInput("3x5x6")));

        Assert.Equal(ErrorKind.InvalidInputShape, e.Kind);
    }

    [Fact]
    public void Shape_for_an_unknown_input_name_is_rejected()
    {
        var e = Assert.Throws<GraphExtractionException>(() => Extractor.Extract(FlattenByShapeChain(), ExtractionOptions.ForInput("image=3x4x6")));

        Assert.Equal(ErrorKind.InvalidInputShape, e.Kind);
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_symbol_binds_every_input_that_uses_it()
    {
        var model = new ModelBuilder().Input("a", "B", 8).Input("b", "B", 8).Node("Add", ["a", "b"], ["y"]).Output("y").Build();

        var graph = Extractor.Extract(model, ExtractionOptions.ForInput("a=5x8"));

        Assert.Equal([5L, 8], graph.Outputs[0].Shape);
    }

    [Fact]
    public void Shapes_given_in_order_fill_inputs_in_order()
    {
        var model = new ModelBuilder().Input("a", "B", 8).Input("b", 1, "C").Node("Add", ["a", "b"], ["y"]).Output("y").Build();

        var graph = Extractor.Extract(model, new ExtractionOptions { InputShapes = [InputShape.Parse("2x8"), InputShape.Parse("1x8")] });

        Assert.Equal([2L, 8], graph.Outputs[0].Shape);
    }

    [Fact]
    public void Resize_with_scales_from_a_constant_doubles_the_map()
    {
        var scales = new Onnx.Proto.TensorProto { DataType = Float, Dims = { 4 }, FloatData = { 1, 1, 2, 2 } };
        var model = new ModelBuilder().Input("x", 1, 8, 7, 5)
            .Node("Constant", [], ["scales"], Attr("value", scales))
            .Node("Resize", ["x", "", "scales"], ["y"]).Output("y").Build();

        Assert.Equal([1L, 8, 14, 10], Extractor.Extract(model).Outputs[0].Shape);
    }

    [Fact]
    public void Slice_with_huge_end_and_negative_start_clamps_like_onnx()
    {
        var model = new ModelBuilder().Input("x", 2, 10).Ints("starts", -3).Ints("ends", long.MaxValue).Ints("axes", 1)
            .Node("Slice", ["x", "starts", "ends", "axes"], ["y"]).Output("y").Build();

        Assert.Equal([2L, 3], Extractor.Extract(model).Outputs[0].Shape);
    }

    [Fact]
    public void Unsqueeze_and_squeeze_read_axes_from_attributes_before_opset_13()
    {
        var model = new ModelBuilder(opset: 11).Input("x", 3, 4)
            .Node("Unsqueeze", ["x"], ["u"], Attr("axes", 0, 3)).Node("Squeeze", ["u"], ["y"], Attr("axes", [0L]))
            .Output("u").Output("y").Build();

        var graph = Extractor.Extract(model);

        Assert.Equal([1L, 3, 4, 1], graph.Outputs[0].Shape);
        Assert.Equal([3L, 4, 1], graph.Outputs[1].Shape);
    }

    [Fact]
    public void Max_pool_with_ceil_mode_rounds_the_output_up()
    {
        var model = new ModelBuilder().Input("x", 1, 1, 6, 6)
            .Node("MaxPool", ["x"], ["y"], Attr("kernel_shape", 3, 3), Attr("strides", 2, 2), Attr("ceil_mode", 1L)).Output("y").Build();

        Assert.Equal([1L, 1, 3, 3], Extractor.Extract(model).Outputs[0].Shape);
    }

    [Fact]
    public void Window_padding_computed_with_mod_from_the_input_shape_folds()
    {
        // Swin-style: pad = (7 - W % 7) % 7 on the last axis.
        var model = new ModelBuilder().Input("x", 1, "H", "W").Ints("two", 2).Ints("seven", 7).Ints("zeros", 0, 0, 0, 0, 0)
            .Node("Shape", ["x"], ["s"]).Node("Gather", ["s", "two"], ["w"], Attr("axis", 0L))
            .Node("Mod", ["w", "seven"], ["r"]).Node("Sub", ["seven", "r"], ["d"]).Node("Mod", ["d", "seven"], ["p"])
            .Node("Concat", ["zeros", "p"], ["pads"], Attr("axis", 0L)).Node("Pad", ["x", "pads"], ["y"])
            .Output("y").Build();

        Assert.Equal([1L, 9, 14], Extractor.Extract(model, ExtractionOptions.ForInput("1x9x10")).Outputs[0].Shape);
        Assert.Equal([1L, 9, 14], Extractor.Extract(model, ExtractionOptions.ForInput("1x9x14")).Outputs[0].Shape);
    }

    [Fact]
    public void NonZero_of_a_runtime_tensor_uses_every_element_as_its_bound()
    {
        var model = new ModelBuilder().Input("x", 2, 3, 4).Node("NonZero", ["x"], ["y"]).Output("y").Build();

        Assert.Equal([3L, 24], Extractor.Extract(model).Outputs[0].Shape);
    }
}
