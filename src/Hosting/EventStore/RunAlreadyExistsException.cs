namespace NasPipeline.Hosting.EventStore;

/// <summary>A new run's id is already a stream: the run was submitted before (or two submitters drew the same id).</summary>
public sealed class RunAlreadyExistsException(Guid runId, Exception inner)
    : Exception($"A run with id {runId} already exists.", inner)
{
    public Guid RunId { get; } = runId;
}
