namespace NasPipeline.Contracts.Blobs;

/// <summary>The media types the stages store blobs under.</summary>
public static class BlobMediaTypes
{
    public const string Onnx = "application/onnx";

    /// <summary>A computation graph as <c>ComputationGraphJson</c> writes it.</summary>
    public const string Graph = "application/vnd.nasp.graph+json";

    /// <summary>A trained supernet and its task head (<c>SupernetCheckpoint</c>).</summary>
    public const string Supernet = "application/x-nasp-supernet";

    /// <summary>An adaptation's state at a chunk boundary: supernet, head and optimizer (<c>AdaptationCheckpoint</c>).</summary>
    public const string AdaptationState = "application/x-nasp-adaptation-state";
}
