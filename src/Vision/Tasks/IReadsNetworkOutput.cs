namespace NasPipeline.Vision.Tasks;

/// <summary>
/// A task whose prediction a submitted network may already compute as its first output (a classifier's logits). Such a
/// network is fine-tuned as it is, without a new head, so its written ONNX still does the task on its own.
/// </summary>
public interface IReadsNetworkOutput
{
    /// <summary>Whether an output of this shape (batch first) is the task's prediction.</summary>
    bool ReadsOutput(IReadOnlyList<long> outputShape);
}
