using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.Fna.Chains;

namespace NasPipeline.Fna.Costs;

/// <summary>
/// Finds a MobileNetV2-like chain classifier in an ONNX file another exporter wrote (no <c>nas_pipeline.architecture</c>
/// metadata): a 3x3 stride-1 conv stem with ReLU; inverted residual blocks (1x1 conv + ReLU, k x k depthwise conv +
/// ReLU, 1x1 conv, the input added back exactly when stride and width are kept); global average pool, flatten, Gemm.
/// Each conv may carry its BatchNormalization or have it folded into a bias, as exporters do in eval mode. The result
/// is the architecture and, in <see cref="ChainOnnxReader"/>'s order, every tensor the chain needs, a folded BN
/// becoming the BN that computes the same function (γ 1, β the bias, mean 0, variance 1 - ε). Anything else is refused
/// with a <see cref="FormatException"/> that names the node and what was expected.
/// </summary>
public static class ChainOnnxRecognizer
{
    /// <summary>The ε of the chain's own BatchNorm (<c>Vision.Backbones.BatchNorm2d</c>).</summary>
    public const double ChainEpsilon = 1e-5;

    public static RecognizedChain Recognize(ModelProto model)
    {
        var graph = new OnnxGraphIndex(model.Graph);
        var input = model.Graph.Input.FirstOrDefault(i => !graph.Initializers.ContainsKey(i.Name))
            ?? throw new FormatException("The model has no input that is not an initializer.");
        var dims = input.Type?.TensorType?.Shape?.Dim;
        if (dims is not { Count: 4 } || dims[1].DimValue <= 0)
        {
            throw new FormatException($"Input '{input.Name}' is not [batch, channels, height, width] with a known channel count.");
        }

        var tensors = new List<ChainTensor>();
        var stem = ConvUnit.Read(graph, input.Name, "the stem");
        stem.Expect(kernel: 3, stride: 1, depthwise: false, activated: true);
        tensors.AddRange(stem.Tensors());
        var x = stem.Output;
        var channels = stem.OutChannels;
        var stages = new List<(int Channels, int Stride, List<LayerOp> Layers)>();
        while (graph.Next(x, "Conv") is not null)
        {
            var expand = ConvUnit.Read(graph, x, $"block {stages.Sum(s => s.Layers.Count) + 1}'s expansion");
            expand.Expect(kernel: 1, stride: 1, depthwise: false, activated: true);
            var depthwise = ConvUnit.Read(graph, expand.Output, "its depthwise conv");
            depthwise.Expect(kernel: depthwise.Kernel, stride: depthwise.Stride, depthwise: true, activated: true);
            var project = ConvUnit.Read(graph, depthwise.Output, "its projection");
            project.Expect(kernel: 1, stride: 1, depthwise: false, activated: false);
            if (expand.OutChannels % channels != 0 || depthwise.OutChannels != expand.OutChannels)
            {
                throw new FormatException($"Conv '{expand.Node.Name}' expands {channels} channels to {expand.OutChannels}: not a whole expansion ratio of a block.");
            }

            var residual = depthwise.Stride == 1 && project.OutChannels == channels;
            var add = graph.Next(project.Output, "Add");
            var addsInput = add is not null && add.Input.Contains(x);
            if (addsInput != residual)
            {
                throw new FormatException(residual
                    ? $"The block ending at '{project.Node.Name}' keeps stride and width but does not add its input back."
                    : $"The block ending at '{project.Node.Name}' changes stride or width, yet adds its input back.");
            }

            var op = LayerOp.MbConv(depthwise.Kernel, expand.OutChannels / channels);
            if (residual && stages.Count > 0)
            {
                stages[^1].Layers.Add(op);
            }
            else
            {
                stages.Add((project.OutChannels, depthwise.Stride, [op]));
            }

            tensors.AddRange(expand.Tensors().Concat(depthwise.Tensors()).Concat(project.Tensors()));
            x = addsInput ? add!.Output[0] : project.Output;
            channels = project.OutChannels;
        }

        if (stages.Count == 0)
        {
            throw new FormatException($"No inverted residual block follows the stem: its output is read by {graph.Describe(x)}.");
        }

        var (weight, bias) = ClassifierHead.Read(graph, x, channels);
        tensors.Add(weight);
        tensors.Add(bias);
        var architecture = new ChainArchitecture((int)dims[1].DimValue, stem.OutChannels,
            stages.Select(s => new ChainStage(s.Channels, s.Stride, s.Layers)).ToList()).Validated();
        return new RecognizedChain(architecture, tensors, (int)weight.Dims[0]);
    }
}

/// <summary>A chain found in a foreign ONNX file: its architecture and its tensors in <see cref="ChainOnnxReader"/>'s order.</summary>
public sealed record RecognizedChain(ChainArchitecture Architecture, IReadOnlyList<ChainTensor> Tensors, int Classes);

/// <summary>One tensor's values and shape.</summary>
public sealed record ChainTensor(string Name, long[] Dims, float[] Values);
