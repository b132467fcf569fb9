namespace NasPipeline.Contracts.Events;

/// <summary>The events after which a run takes no further decisions: every fold of a run agrees on this list,
/// so a new terminal event is added here once rather than in each stage.</summary>
public static class TerminalEvents
{
    public static bool Ends(object message) => message is SearchCompleted or RunFailed or SubmissionRejected;
}
