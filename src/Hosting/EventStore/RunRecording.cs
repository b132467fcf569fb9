using System.Security.Cryptography;
using System.Text.Json;
using NasPipeline.Contracts;

namespace NasPipeline.Hosting.EventStore;

/// <summary>
/// Records a result produced outside the stages (a supernet trained or a subnet evaluated by <c>nasp</c>) into an
/// existing run, through the same write seam as the stages: once per result, keyed by the SHA-256 of the message, so
/// an append retried after a lost acknowledgement does not record it twice.
/// </summary>
public sealed class RunRecording(RunEventWriter writer, RunReader reader)
{
    /// <summary>Whether the run exists, so a command can refuse a wrong run id before its long work starts.</summary>
    public async Task<bool> ExistsAsync(Guid runId, CancellationToken cancellationToken) =>
        await reader.SummaryAsync(runId, cancellationToken) is not null;

    /// <summary>Appends the message to its run unless the same message was recorded before; true when it was appended now.</summary>
    public async Task<bool> RecordAsync(IRunMessage message, CancellationToken cancellationToken)
    {
        var key = $"record/{message.GetType().Name}/{Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(message, message.GetType())))}";
        var appended = await writer.DecideOnceAsync(message.RunId, key, RunFold.Nothing,
            (events, _) => Task.FromResult<IReadOnlyList<IRunMessage>>(events == 0 ? [] : [message]), cancellationToken);
        return appended.Count > 0 && ReferenceEquals(appended[0], message);
    }
}
