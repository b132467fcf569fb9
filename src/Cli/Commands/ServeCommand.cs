using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Hosting;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Settings;

namespace NasPipeline.Cli.Commands;

/// <summary><c>serve</c>: all (or some) stages in this one process, until Ctrl-C or SIGTERM.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var stages = CliOptions.Text("--stages", "Which stages to run: all, or a comma list of graph-extract, pseudo-label, predict, search, adapt.", "all|NAME,...");
        var dashboard = DashboardCommand.UrlsOption("--dashboard");
        var command = new Command("serve", "Run the pipeline's stages in this one process (they apply the database schema at start).") { stages, dashboard };
        command.SetCliAction((parse, _, ct) => RunAsync(parse.GetValue(stages), parse.GetValue(dashboard), ct));
        return command;
    }

    /// <summary>With <paramref name="dashboardUrls"/>, the web dashboard runs in this process too.</summary>
    public static async Task<int> RunAsync(string? stageNames, string? dashboardUrls, CancellationToken cancellationToken)
    {
        var stages = AllStages.Select(stageNames);
        var builder = PipelineHost.CreateBuilder([], stages);
        // Stopped by the CLI's token (Ctrl-C, SIGTERM), which also sets the exit code.
        builder.Services.AddSingleton<IHostLifetime, CliHostLifetime>();
        using var host = builder.BuildChecked();
        await SchemaPresenceCheck.RunBeforeStartAsync(host.Services, cancellationToken);
        await Console.Error.WriteLineAsync($"serving stages: {string.Join(", ", stages.Select(s => s.Name))} (Ctrl-C stops)");
        if (dashboardUrls is null)
        {
            await host.RunAsync(cancellationToken);
            return 0;
        }

        await host.StartAsync(cancellationToken);
        await DashboardCommand.RunAsync(dashboardUrls, cancellationToken);
        await host.StopAsync(CancellationToken.None);
        return 0;
    }
}
