using NasPipeline.Contracts;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Cli.Supernets;

/// <summary>
/// Writes a local command's results into an existing run: the checkpoint into the blob store, the events into the
/// run's stream. Opened before the long work starts, so a wrong run id or a database that is down fails at once.
/// </summary>
public sealed class RunRecorder : IAsyncDisposable
{
    private readonly CliHost _host;

    private RunRecorder(CliHost host, Guid runId)
    {
        _host = host;
        RunId = runId;
    }

    public Guid RunId { get; }

    /// <summary>Null when no run was asked for: the command then only prints.</summary>
    public static async Task<RunRecorder?> OpenAsync(string? runText, CancellationToken cancellationToken)
    {
        if (runText is null)
        {
            return null;
        }

        var host = await CliHost.StartAsync(withBus: false, cancellationToken);
        try
        {
            var runId = await RunIds.ResolveAsync(runText, host.Get<RunReader>(), cancellationToken);
            if (!await host.Get<RunRecording>().ExistsAsync(runId, cancellationToken))
            {
                throw new CliUsageException($"No run {runId}; results are recorded into an existing run (`nasp submit` prints its id).");
            }

            return new RunRecorder(host, runId);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public Task<string> PutBlobAsync(byte[] bytes, CancellationToken cancellationToken) =>
        _host.Get<IBlobStore>().PutAsync(bytes, BlobMediaTypes.Supernet, cancellationToken);

    public Task<byte[]?> GetBlobAsync(string hash, CancellationToken cancellationToken) =>
        _host.Get<IBlobStore>().GetAsync(hash, cancellationToken);

    /// <summary>Records the result once (<see cref="RunRecording"/>).</summary>
    public Task AppendAsync(IRunMessage message, CancellationToken cancellationToken) =>
        _host.Get<RunRecording>().RecordAsync(message, cancellationToken);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
