using System.Buffers.Binary;
using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.Fna.Chains;
using NasPipeline.Vision.Heads;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Costs;

/// <summary>
/// Reads a chain classifier: one <see cref="ChainOnnx.WriteClassifier"/> wrote (the architecture from the file's
/// <c>nas_pipeline.architecture</c> metadata, the parameters and BN statistics from the Conv, BatchNormalization and
/// Gemm initializers in the order the writer emits them), or one another exporter wrote, found in its graph
/// (<see cref="ChainOnnxRecognizer"/>). Anything else is refused with a <see cref="FormatException"/> that says why.
/// </summary>
public static class ChainOnnxReader
{
    public const string ArchitectureKey = "nas_pipeline.architecture";

    public static (ChainNetwork Network, PooledLinearHead Head) ReadClassifier(byte[] onnx)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnx);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new FormatException($"Not an ONNX model: {e.Message}");
        }

        var description = model.MetadataProps.FirstOrDefault(p => p.Key == ArchitectureKey)?.Value;
        var (architecture, sources, classes) = description is null ? Recognized(model) : Written(model, description);
        var network = new ChainNetwork(architecture);
        var head = new PooledLinearHead(network.Features, classes);
        var targets = new[] { network.StemModule }.Concat(network.Blocks.SelectMany(s => s)).Append(head)
            .SelectMany(Ordered).ToList();
        if (targets.Count != sources.Count)
        {
            throw new FormatException($"The architecture '{architecture.Describe()}' has {targets.Count} weight tensors; the model's nodes carry {sources.Count}.");
        }

        using (no_grad())
        {
            foreach (var (target, source) in targets.Zip(sources))
            {
                if (!target.shape.SequenceEqual(source.Dims))
                {
                    throw new FormatException($"Initializer '{source.Name}' is [{string.Join(",", source.Dims)}]; the architecture needs [{string.Join(",", target.shape)}].");
                }

                using var values = tensor(source.Values).reshape(target.shape);
                target.copy_(values);
            }
        }

        network.eval();
        head.eval();
        return (network, head);
    }

    /// <summary>A file <see cref="ChainOnnx.WriteClassifier"/> wrote: the architecture from its metadata, the tensors
    /// in the order of its Conv, BatchNormalization and Gemm nodes.</summary>
    private static (ChainArchitecture, IReadOnlyList<ChainTensor>, int) Written(ModelProto model, string description)
    {
        var input = model.Graph.Input.FirstOrDefault() ?? throw new FormatException("The model has no input.");
        var inputChannels = (int)input.Type.TensorType.Shape.Dim[1].DimValue;
        var architecture = ChainArchitecture.Parse(description, inputChannels);
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        var sources = model.Graph.Node.SelectMany(n => n.OpType switch
        {
            "Conv" => n.Input.Skip(1).Take(1),
            "BatchNormalization" => n.Input.Skip(1).Take(4),
            "Gemm" => n.Input.Skip(1).Take(2),
            _ => [],
        }).Select(name => initializers.TryGetValue(name, out var t) ? t : throw new FormatException($"'{name}' is not an initializer of the model."))
            .Select(t => new ChainTensor(t.Name, [.. t.Dims], Floats(t))).ToList();
        var gemm = model.Graph.Node.LastOrDefault(n => n.OpType == "Gemm") is { } node && initializers.TryGetValue(node.Input[1], out var w)
            ? w : throw new FormatException("The model has no classifier (a Gemm with its weight): write it with ChainOnnx.WriteClassifier.");
        return (architecture, sources, (int)gemm.Dims[0]);
    }

    /// <summary>Another exporter's file: the chain found in its graph (<see cref="ChainOnnxRecognizer"/>).</summary>
    private static (ChainArchitecture, IReadOnlyList<ChainTensor>, int) Recognized(ModelProto model)
    {
        try
        {
            var chain = ChainOnnxRecognizer.Recognize(model);
            return (chain.Architecture, chain.Tensors, chain.Classes);
        }
        catch (FormatException e) when (e is not StrippedWeightsException)
        {
            throw new FormatException($"The model is not a MobileNetV2-like chain classifier (3x3 conv stem at stride 1, inverted residual blocks with ReLU, pooled linear classifier), so it cannot seed FNA: {e.Message}", e);
        }
    }

    /// <summary>A module's tensors in the writer's order: each conv's weight, then its BN's γ, β, mean and variance;
    /// a linear's weight and bias.</summary>
    private static IEnumerable<Tensor> Ordered(nn.Module module)
    {
        var parameters = module.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var buffers = module.named_buffers().ToDictionary(p => p.name, p => p.buffer);
        foreach (var (name, tensor) in parameters)
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal) && !name.StartsWith("linear", StringComparison.Ordinal))
            {
                continue;
            }

            yield return tensor;
            if (name.EndsWith("_bn.weight", StringComparison.Ordinal) || name == "bn.weight")
            {
                var prefix = name[..^".weight".Length];
                yield return parameters[$"{prefix}.bias"];
                yield return buffers[$"{prefix}.running_mean"];
                yield return buffers[$"{prefix}.running_var"];
            }
        }
    }

    internal static float[] Floats(TensorProto t)
    {
        if (t.DataType != 1)
        {
            throw new FormatException($"Initializer '{t.Name}' is not float32.");
        }

        if (t.RawData.IsEmpty && t.FloatData.Count == 0 && t.Dims.Aggregate(1L, (a, d) => a * d) > 0)
        {
            throw new StrippedWeightsException($"Initializer '{t.Name}' has no values in the file (a stripped export): FNA remaps trained weights, so give the file with its weights.");
        }

        if (t.FloatData.Count > 0)
        {
            return [.. t.FloatData];
        }

        var raw = t.RawData.Span;
        var values = new float[raw.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
        }

        return values;
    }

    internal static long[] Longs(TensorProto t) => t.DataType == 7
        ? t.Int64Data.Count > 0
            ? [.. t.Int64Data]
            : Enumerable.Range(0, t.RawData.Length / sizeof(long)).Select(i => BinaryPrimitives.ReadInt64LittleEndian(t.RawData.Span[(i * sizeof(long))..])).ToArray()
        : throw new FormatException($"Tensor '{t.Name}' is not int64.");
}
