namespace NasPipeline.RunResults.Model;

/// <summary>What was submitted: a point of a search space (NSGA-III front) or an ONNX network (mutation path).</summary>
public enum RunKind
{
    Unknown,
    Space,
    Onnx,
}
