using NasPipeline.ComputationGraph.Writing;

namespace NasPipeline.Bench.Scale;

/// <summary>A very large network in a small ONNX file: blocks of Conv 1x1 -> Relu -> residual Add -> Relu on 8x8x8
/// activations, every Conv sharing one 8x8 weight, so 50,000 nodes take about 2.6 MB.</summary>
public static class LargeGraphs
{
    public const string Input = "1x8x8x8";

    public static byte[] Residual(int nodes)
    {
        var w = new OnnxModelWriter().Input("x", 1, 8, 8, 8);
        var weight = w.Weight("w", [8, 8, 1, 1], Enumerable.Range(0, 64).Select(i => (float)((i % 7) - 3) / 10).ToArray());
        var x = "x";
        for (var i = 0; i < nodes / 4; i++)
        {
            var conv = w.Node("Conv", [x, weight], OnnxAttribute.Of("kernel_shape", 1L, 1L));
            var relu = w.Node("Relu", [conv]);
            var sum = w.Node("Add", [relu, x]);
            x = w.Node("Relu", [sum]);
        }

        return w.Output(x).Build();
    }
}
