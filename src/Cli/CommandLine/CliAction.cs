using System.CommandLine;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;
using NasPipeline.Hosting;
using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Cli.CommandLine;

/// <summary>
/// Binds a command to its handler and turns what the handler throws into the documented exit codes: one "error:"
/// line on stderr, and no stack trace for a failure the user can act on.
/// </summary>
public static class CliAction
{
    public static void SetCliAction(this Command command, Func<ParseResult, TextWriter, CancellationToken, Task<int>> handler) =>
        command.SetAction((parse, cancellationToken) => RunAsync(command, handler, parse, cancellationToken));

    private static async Task<int> RunAsync(
        Command command, Func<ParseResult, TextWriter, CancellationToken, Task<int>> handler, ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            return await handler(parse, Console.Out, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The entry point replaces this with the signal's own code (130 or 143).
            return ExitCodes.Interrupted;
        }
        catch (CliUsageException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            await Console.Error.WriteLineAsync($"Run `{CommandPath.Of(command)} --help` for its options.");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is PipelineConfigurationException or OptionsValidationException or TaskPluginException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is CliFailedException or DatasetNotFoundException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (NpgsqlException e) when (e.InnerException is SocketException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"error: cannot reach PostgreSQL ({e.InnerException?.Message}). Is it running? ./scripts/servers.sh start");
            return ExitCodes.Failed;
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"error: RabbitMQ's management API did not answer: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
