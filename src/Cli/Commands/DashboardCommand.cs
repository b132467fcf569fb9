using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Dashboard;
using NasPipeline.Hosting;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Cli.Commands;

/// <summary><c>dashboard</c>: the web dashboard alone, reading the store the stages write (they may run anywhere).</summary>
public static class DashboardCommand
{
    public static Option<string?> UrlsOption(string name) => CliOptions.Text(name,
        $"Where the web dashboard listens (default {DashboardApp.DefaultUrl}; several separated by ';').", "URL");

    public static Command Create()
    {
        var urls = UrlsOption("--urls");
        var command = new Command("dashboard", "Serve the web dashboard: runs, live events, fronts, candidates, predictors, _error queues.") { urls };
        command.SetCliAction((parse, _, ct) => RunAsync(parse.GetValue(urls) ?? DashboardApp.DefaultUrl, ct));
        return command;
    }

    public static async Task<int> RunAsync(string urls, CancellationToken cancellationToken)
    {
        await using var app = DashboardApp.Create(PipelineSettings.FromEnvironment(), urls);
        await SchemaPresenceCheck.RunBeforeStartAsync(app.Services, cancellationToken);
        await app.StartAsync(cancellationToken);
        await Console.Error.WriteLineAsync($"dashboard on {string.Join(", ", app.Urls)} (Ctrl-C stops)");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
