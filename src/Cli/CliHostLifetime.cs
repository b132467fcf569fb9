using Microsoft.Extensions.Hosting;

namespace NasPipeline.Cli;

/// <summary>
/// The host lifetime of every host the CLI starts: none. The default console lifetime takes Ctrl-C and SIGTERM to stop
/// a host that nothing here waits on, so the command went on (and <c>submit</c> hung); the CLI's own
/// <see cref="CommandLine.Interruption"/> handles both instead.
/// </summary>
internal sealed class CliHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
