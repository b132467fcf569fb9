using Marten;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Stages.GraphExtract;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Cli.Commands;

/// <summary><c>replay RUN --fork --with KEY=VALUE...</c>: a new run from a past one's submission with some settings
/// changed, linked to it by <c>ParentRunId</c>.</summary>
public static class ForkCommand
{
    public static async Task<int> RunAsync(
        string runText, ForkChanges changes, bool wait, TimeSpan timeout, TimeSpan connectTimeout, TextWriter output, CancellationToken cancellationToken)
    {
        await using var host = await CliHost.StartAsync(withBus: true, cancellationToken);
        var reader = host.Get<RunReader>();
        var parentId = await RunIds.ResolveAsync(runText, reader, cancellationToken);
        var events = (await reader.EventsAsync(parentId, cancellationToken: cancellationToken)).Select(e => e.Data).ToList();
        if (events.OfType<ModelSubmitted>().FirstOrDefault() is not { } parent)
        {
            await Console.Error.WriteLineAsync($"error: run {parentId} has no recorded submission to fork.");
            return 1;
        }

        var fork = changes.ApplyTo(parent, events.OfType<SearchStarted>().FirstOrDefault(), Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        if (await PipelineSubmissionCheck.Create(host.Get<IDocumentStore>(), host.Get<TaskRegistry>()).RefusalAsync(fork, cancellationToken) is { } refusal)
        {
            throw new CliUsageException(refusal);
        }

        await host.SubmitAsync(fork, connectTimeout, cancellationToken);
        await output.WriteLineAsync(fork.RunId.ToString());
        await Console.Error.WriteLineAsync($"forked from {parentId}");
        if (host.Embedded)
        {
            await Console.Error.WriteLineAsync("note: RabbitMq__Uri is not set, so every stage runs inside this process.");
        }

        // As with submit: in the one-process mode the stages die with this process, so it always waits.
        return wait || host.Embedded
            ? await RunWatcher.WatchAsync(host, fork.RunId, output, timeout, printSummary: true, cancellationToken)
            : 0;
    }
}
