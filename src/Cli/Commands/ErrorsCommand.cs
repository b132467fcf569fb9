using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Hosting;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Cli.Commands;

/// <summary><c>errors</c>: the messages in the <c>_error</c> queues, with the fault reason MassTransit recorded.</summary>
public static class ErrorsCommand
{
    public static Command Create()
    {
        var samples = CliOptions.Int("--samples", 5, "How many messages of each error queue to show.");
        var command = new Command("errors", "List the messages in RabbitMQ's _error queues with their fault reasons.") { samples };
        command.SetCliAction((parse, output, ct) =>
            RunAsync(parse.GetValue(samples), output, PipelineSettings.FromEnvironment(), ct));
        return command;
    }

    public static async Task<int> RunAsync(int samples, TextWriter output, PipelineSettings settings, CancellationToken cancellationToken)
    {
        if (settings.RabbitMqUri is null || settings.RabbitMqManagementUri is null)
        {
            await Console.Error.WriteLineAsync(
                "error: set RabbitMq__Uri and RabbitMq__ManagementUri (./scripts/servers.sh env prints both); " +
                "the in-memory transport keeps no error queues.");
            return 2;
        }

        if (string.IsNullOrEmpty(settings.RabbitMqUri.UserInfo))
        {
            await Console.Error.WriteLineAsync("error: RabbitMq__Uri names no user (amqp://USER:PASSWORD@HOST:PORT/VHOST); the management API needs one.");
            return 2;
        }

        var queues = await new ErrorQueues(settings.RabbitMqManagementUri, settings.RabbitMqUri).ListAsync(samples, cancellationToken);
        var withMessages = queues.Where(q => q.Messages > 0).ToList();
        if (withMessages.Count == 0)
        {
            await output.WriteLineAsync($"No messages in error queues ({queues.Count} error queue(s) exist).");
            return 0;
        }

        foreach (var queue in withMessages)
        {
            await output.WriteLineAsync($"{queue.Name}: {queue.Messages} message(s)");
            foreach (var message in queue.Samples)
            {
                await output.WriteLineAsync($"  {message.MessageType}: {message.Reason}");
            }
        }

        return 0;
    }
}
