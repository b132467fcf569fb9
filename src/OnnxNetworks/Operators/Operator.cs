using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>Runs one ONNX node: its outputs in the node's output order.</summary>
internal delegate Tensor[] Operator(OperatorCall call);
