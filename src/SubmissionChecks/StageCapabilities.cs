namespace NasPipeline.SubmissionChecks;

/// <summary>
/// Which of the optional stages this pipeline can serve. A submission, or a stage's configuration, that needs one that
/// is missing is refused up front, instead of waiting forever for a consumer that does not exist.
/// </summary>
public sealed record StageCapabilities(bool Adapt)
{
    /// <summary>The switch: set Adapt to true once the Adapt stage consumes <c>AdaptSubnet</c> (issue 12).</summary>
    public static StageCapabilities Current { get; } = new(Adapt: false);

    public const string AdaptUnavailable = "adaptation needs the Adapt stage, which is not available yet";
}
