using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NasPipeline.Hosting;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Dashboard;

/// <summary>
/// The web dashboard: a read-only view of the event store's projections and streams (and of RabbitMQ's _error queues),
/// for `nasp dashboard` and `nasp serve --dashboard`. It never writes, so any number can run beside the stages.
/// </summary>
public static class DashboardApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Create(PipelineSettings settings, string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // A request log line per page and per second of the live event stream would drown the CLI's own output.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Services.AddPipelineInfrastructure(settings, settings.SchemaPolicyOr(SchemaPolicy.ApplyIfMissing));
        var app = builder.Build();
        app.MapDashboard();
        return app;
    }
}
