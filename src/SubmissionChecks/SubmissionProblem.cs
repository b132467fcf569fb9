namespace NasPipeline.SubmissionChecks;

/// <summary>Why a submission cannot run: <see cref="Kind"/> for code (a <c>SubmissionRejected</c>'s kind), <see cref="Message"/> for a person.</summary>
public sealed record SubmissionProblem(string Kind, string Message)
{
    public const string UnknownSearchSpace = "UnknownSearchSpace";
    public const string InvalidEncoding = "InvalidEncoding";
    public const string UnknownTask = "UnknownTask";
    public const string StageUnavailable = "StageUnavailable";
}
