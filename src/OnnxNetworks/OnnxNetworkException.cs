namespace NasPipeline.OnnxNetworks;

/// <summary>Why an ONNX model cannot become a trainable network: an operator the interpreter does not run (named in
/// <see cref="Operator"/>), or a model it cannot make sense of. Callers show <see cref="Exception.Message"/> as is.</summary>
public sealed class OnnxNetworkException(string message, string? @operator = null, string? node = null) : Exception(message)
{
    /// <summary>The ONNX operator type that was refused, when an operator was the reason.</summary>
    public string? Operator { get; } = @operator;

    /// <summary>The node (its name, else its first output) where it happened.</summary>
    public string? Node { get; } = node;

    public static OnnxNetworkException Unsupported(string opType, string node, string? detail = null) => new(
        detail is null
            ? $"ONNX operator '{opType}' (node '{node}') is not supported by the network interpreter; supported: {string.Join(", ", Operators.OperatorTable.Names)}."
            : $"ONNX operator '{opType}' (node '{node}'): {detail}",
        opType, node);
}
