using Marten;
using Marten.Services;
using Npgsql;

namespace NasPipeline.Hosting.EventStore;

/// <summary>
/// Marten logs every failed command at error level, with its stack, before the caller sees the exception. For a
/// decision's append a lost race is optimistic concurrency doing its job (<see cref="RunEventWriter"/> reads the run
/// again and decides again), not an error: a busy run logged a screenful per measurement. Only those are held back.
/// </summary>
internal sealed class RaceQuietSessionLogger(IMartenSessionLogger inner) : IMartenSessionLogger
{
    public void LogSuccess(NpgsqlCommand command) => inner.LogSuccess(command);

    public void LogSuccess(NpgsqlBatch batch) => inner.LogSuccess(batch);

    public void LogFailure(NpgsqlCommand command, Exception ex)
    {
        if (!IsLostRace(ex))
        {
            inner.LogFailure(command, ex);
        }
    }

    public void LogFailure(NpgsqlBatch batch, Exception ex)
    {
        if (!IsLostRace(ex))
        {
            inner.LogFailure(batch, ex);
        }
    }

    public void LogFailure(Exception ex, string message)
    {
        if (!IsLostRace(ex))
        {
            inner.LogFailure(ex, message);
        }
    }

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) => inner.RecordSavedChanges(session, commit);

    public void OnBeforeExecute(NpgsqlCommand command) => inner.OnBeforeExecute(command);

    public void OnBeforeExecute(NpgsqlBatch batch) => inner.OnBeforeExecute(batch);

    // MT003: the stream moved past the expected version; 23505: another writer took the same version or dedupe key.
    private static bool IsLostRace(Exception ex) =>
        ex is PostgresException { SqlState: "MT003" or PostgresErrorCodes.UniqueViolation } || RunEventWriter.IsRace(ex);
}
