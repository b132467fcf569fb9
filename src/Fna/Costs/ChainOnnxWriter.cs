using NasPipeline.ComputationGraph.Writing;
using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Remapping;
using NasPipeline.TorchRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Costs;

/// <summary>
/// Writes chain modules as ONNX nodes (Conv, BatchNormalization, Relu, Add) in eval-mode semantics. With
/// <c>withValues</c> the weights carry the module's values (a runnable network); without, only their dims (a
/// structure the cost model reads).
/// </summary>
internal sealed class ChainOnnxWriter(OnnxModelWriter writer, bool withValues)
{
    public string Stem(string x, Stem stem)
    {
        var tensors = ModuleTensors.Of(stem);
        return writer.Node("Relu", [BatchNorm(Conv(x, tensors["conv.weight"], 1, 1), tensors, "bn")]);
    }

    public string Block(string x, MbConvLayer block)
    {
        var tensors = ModuleTensors.Of(block);
        var hidden = writer.Node("Relu", [BatchNorm(Conv(x, tensors["expand.weight"], 1, 1), tensors, "expand_bn")]);
        hidden = writer.Node("Relu", [BatchNorm(Conv(hidden, tensors["depthwise.weight"], block.Stride, block.InChannels * block.Op.Expansion), tensors, "depthwise_bn")]);
        var output = BatchNorm(Conv(hidden, tensors["project.weight"], 1, 1), tensors, "project_bn");
        return block.Residual ? writer.Node("Add", [output, x]) : output;
    }

    /// <summary>A classification head (<c>PooledLinearHead</c>): global average pool, flatten, Gemm with W transposed.</summary>
    public string PooledLinear(string x, nn.Module head)
    {
        var tensors = ModuleTensors.Of(head);
        var pooled = writer.Node("Flatten", [writer.Node("GlobalAveragePool", [x])], OnnxAttribute.Of("axis", 1L));
        return writer.Node("Gemm", [pooled, Weight("w", tensors["linear.weight"]), Weight("b", tensors["linear.bias"])], OnnxAttribute.Of("transB", 1L));
    }

    private string Conv(string x, Tensor weight, int stride, int groups)
    {
        var kernel = weight.shape[2];
        return writer.Node("Conv", [x, Weight("w", weight)],
            OnnxAttribute.Of("kernel_shape", kernel, kernel), OnnxAttribute.Of("strides", stride, stride),
            OnnxAttribute.Of("pads", kernel / 2, kernel / 2, kernel / 2, kernel / 2), OnnxAttribute.Of("group", (long)groups));
    }

    private string BatchNorm(string x, IReadOnlyDictionary<string, Tensor> tensors, string prefix) =>
        writer.Node("BatchNormalization",
            [x, Weight("gamma", tensors[$"{prefix}.weight"]), Weight("beta", tensors[$"{prefix}.bias"]),
             Weight("mean", tensors[$"{prefix}.running_mean"]), Weight("var", tensors[$"{prefix}.running_var"])],
            OnnxAttribute.Of("epsilon", 1e-5f));

    private string Weight(string prefix, Tensor tensor) => withValues
        ? writer.Weight(prefix, tensor.shape, tensor.detach().OnCpu().contiguous().data<float>().ToArray())
        : writer.Weight(prefix, tensor.shape);
}
