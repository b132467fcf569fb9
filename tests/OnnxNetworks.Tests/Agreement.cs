using NasPipeline.Tests.Shared.Onnx;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Tests;

/// <summary>Runs one input through ONNX Runtime and through the interpreter and reports the worst difference of every
/// output, relative to the output's own scale (at least 1).</summary>
internal static class Agreement
{
    public static IReadOnlyDictionary<string, (double Worst, long[] Shape)> WorstDifference(byte[] onnx, long[] shape, int seed = 1)
    {
        var random = new Random(seed);
        var values = new float[shape.Aggregate(1L, (a, d) => a * d)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        var expected = OnnxRuntimeRun.On(onnx, shape, values);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var network = OnnxNetwork.Load(onnx);
        network.eval();
        var actual = network.Run(new Dictionary<string, Tensor> { [network.InputNames.Single()] = tensor(values, shape) });
        var worst = new Dictionary<string, (double Worst, long[] Shape)>();
        foreach (var (name, reference) in expected)
        {
            var got = actual[name].to_type(ScalarType.Float32).contiguous();
            Assert.Equal(reference.Shape, got.shape);
            if (got.numel() == 0)
            {
                worst[name] = (0, reference.Shape);
                continue;
            }

            var numbers = got.data<float>().ToArray();
            var scale = Math.Max(1.0, reference.Values.Max(v => Math.Abs((double)v)));
            worst[name] = (reference.Values.Zip(numbers, (e, a) => Math.Abs((double)e - a)).Max() / scale, reference.Shape);
        }

        return worst;
    }
}
