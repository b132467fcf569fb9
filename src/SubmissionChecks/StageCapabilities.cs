namespace NasPipeline.SubmissionChecks;

/// <summary>
/// Which of the optional stages this pipeline can serve. A submission, or a stage's configuration, that needs one that
/// is missing is refused up front, instead of waiting forever for a consumer that does not exist.
/// </summary>
public sealed record StageCapabilities(bool Adapt)
{
    /// <summary>What this build's stages serve: the Adapt stage consumes <c>AdaptSubnet</c> for search-space points
    /// (NAT's supernet adaptation) and for ONNX models (a submitted network and the one the mutation search kept).</summary>
    public static StageCapabilities Current { get; } = new(Adapt: true);

    public const string AdaptUnavailable = "adaptation needs the Adapt stage, which is not available yet";
}
