using Google.Protobuf;
using NasPipeline.ComputationGraph.Editing;
using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.Search.Mutation;
using NasPipeline.Tests.Shared.Fixtures;

namespace NasPipeline.OnnxNetworks.Tests;

/// <summary>The fixtures of tests/fixtures/onnx; stripped weights seeded as the search seeds them.</summary>
internal static class Fixtures
{
    private static readonly string Folder = OnnxFixtureFolder.Find();

    public static byte[] Stripped(string file) => File.ReadAllBytes(Path.Combine(Folder, file));

    /// <summary>Faster R-CNN with seeded weights detects nothing: no class scores above its 0.05 threshold, and its
    /// random box deltas throw every box off the image, so its NMS and RoiAlign results would go unchecked. With the
    /// class scorer and both box regressors (the RPN's 1x1 conv, 15 anchors x 4, and the box head's) zeroed but for class
    /// 1's bias at 8, every proposal is an anchor, scores 0.97 for class 1, and the network detects.</summary>
    public static byte[] Detecting(byte[] fasterRcnn)
    {
        var model = ModelProto.Parser.ParseFrom(fasterRcnn);
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        TensorProto? Initializer(string name) => initializers.GetValueOrDefault(name);
        bool Has(NodeProto n, int input, params long[] dims) => n.Input.Count > input && Initializer(n.Input[input]) is { } t && t.Dims.SequenceEqual(dims);
        var scorer = model.Graph.Node.Single(n => n.OpType == "Gemm" && Has(n, 2, 91));
        var boxHead = model.Graph.Node.Single(n => n.OpType == "Gemm" && Has(n, 2, 364));
        var rpnBoxes = model.Graph.Node.Where(n => n.OpType == "Conv" && Has(n, 1, 60, 256, 1, 1)).ToList();   // one per level
        foreach (var node in rpnBoxes.Append(scorer).Append(boxHead))
        {
            foreach (var tensor in node.Input.Skip(1).Select(Initializer).OfType<TensorProto>())
            {
                TensorValues.Write(tensor, new double[tensor.Dims.Aggregate(1L, (a, d) => a * d)]);
            }
        }

        var bias = new double[91];
        bias[1] = 8;
        TensorValues.Write(initializers[scorer.Input[2]], bias);
        return model.ToByteArray();
    }

    /// <summary>The fixture with every weight present (He-normal where the export left them out).</summary>
    public static byte[] Seeded(string file, long seed = 5) => KeptNetwork.Of(Stripped(file), seed).Onnx;
}
