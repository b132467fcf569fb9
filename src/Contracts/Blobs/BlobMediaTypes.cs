namespace NasPipeline.Contracts.Blobs;

/// <summary>The media types the stages store blobs under.</summary>
public static class BlobMediaTypes
{
    public const string Onnx = "application/onnx";

    /// <summary>A computation graph as <c>ComputationGraphJson</c> writes it.</summary>
    public const string Graph = "application/vnd.nasp.graph+json";
}
