using NasPipeline.ComputationGraph.Writing;

namespace NasPipeline.Tests.Infrastructure;

/// <summary>Hand-built ONNX models small enough that a whole mutation run takes seconds; input 1x8x8x8.</summary>
public static class TinyOnnx
{
    public const string Input = "1x8x8x8";

    /// <summary>x(8) -> Conv 3x3 (16) -> Conv 1x1 (4): two nodes, with weights drawn from the seed.</summary>
    public static byte[] TwoConvs(int seed)
    {
        var random = new Random(seed);
        var w = new OnnxModelWriter().Input("x", 1, 8, 8, 8);
        var hidden = Conv(w, "x", 8, 16, 3, random);
        return w.Output(Conv(w, hidden, 16, 4, 1, random)).Build();
    }

    /// <summary>Writes <see cref="TwoConvs"/> to a fresh file and returns its path.</summary>
    public static string TwoConvsFile(int seed)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("nasp-tiny-").FullName, "two_convs.onnx");
        File.WriteAllBytes(path, TwoConvs(seed));
        return path;
    }

    private static string Conv(OnnxModelWriter w, string input, long cin, long cout, long kernel, Random random)
    {
        var weight = w.Weight("w", [cout, cin, kernel, kernel], Values(cout * cin * kernel * kernel, random));
        var bias = w.Weight("b", [cout], Values(cout, random));
        var pad = (kernel - 1) / 2;
        return w.Node("Conv", [input, weight, bias], OnnxAttribute.Of("kernel_shape", kernel, kernel), OnnxAttribute.Of("pads", pad, pad, pad, pad));
    }

    private static float[] Values(long count, Random random) =>
        Enumerable.Range(0, (int)count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
}
