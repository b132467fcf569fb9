namespace NasPipeline.Hosting.Messaging;

/// <summary>Which failures end a run (<see cref="StageFailureFilter{T}"/>), and how the stage and the reason are named.</summary>
public static class StageFailure
{
    private const string QueuePrefix = "nasp-";

    /// <summary>
    /// A database outage that outlasted its retries is not the run's fault, and could not be recorded anyway: the message
    /// waits in <c>_error</c>. A stage stopping mid-message hands it back for redelivery. Anything else ends the run.
    /// </summary>
    public static bool EndsTheRun(Exception failure, bool stopping) => !stopping && !DatabaseOutage.Is(failure);

    /// <summary>A stage's queue is <c>nasp-</c> and its name (<c>nasp-search</c> is the Search stage's).</summary>
    public static string StageOf(Uri? inputAddress)
    {
        var queue = inputAddress?.AbsolutePath.Trim('/').Split('/')[^1] ?? "";
        return queue.StartsWith(QueuePrefix, StringComparison.Ordinal) ? queue[QueuePrefix.Length..] : queue.Length > 0 ? queue : "unknown";
    }

    /// <summary>The failure in a person's words: its type and message, and the innermost cause when it wraps one.</summary>
    public static string Reason(Exception failure)
    {
        var root = failure;
        while (root.InnerException is { } inner)
        {
            root = inner;
        }

        var reason = $"{failure.GetType().Name}: {failure.Message}";
        return ReferenceEquals(root, failure) ? reason : $"{reason} (caused by {root.GetType().Name}: {root.Message})";
    }
}
