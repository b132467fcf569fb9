using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NasPipeline.Dashboard.Html;
using NasPipeline.Hosting;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Messaging;
using NasPipeline.RunResults.Folding;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Dashboard;

public static class DashboardEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";

    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (RunReader reader, CancellationToken ct) =>
            Results.Content(RunListPage.Render(await reader.ListAsync(200, ct)), HtmlType));

        app.MapGet("/runs/{runId:guid}", async (Guid runId, RunReader reader, CancellationToken ct) =>
        {
            var events = await reader.EventsAsync(runId, 0, ct);
            return events.Count == 0
                ? Results.Content(Layout.Page("No such run", $"<p>No run {runId} in the event store.</p>"), HtmlType, statusCode: StatusCodes.Status404NotFound)
                : Results.Content(RunPage.Render(RunResultFold.Of(runId, events.Select(e => e.Data), Spaces), events), HtmlType);
        });

        app.MapGet("/runs/{runId:guid}/events", (Guid runId, long? after, HttpContext context, RunReader reader) =>
            EventStream.WriteAsync(context, reader, runId, after ?? 0));

        app.MapGet("/errors", async (PipelineSettings settings, CancellationToken ct) =>
        {
            if (settings.RabbitMqUri is null || settings.RabbitMqManagementUri is null)
            {
                return Results.Content(ErrorsPage.Render(null, "Set RabbitMq__Uri and RabbitMq__ManagementUri to list the _error queues (the in-memory transport keeps none)."), HtmlType);
            }

            try
            {
                return Results.Content(ErrorsPage.Render(await new ErrorQueues(settings.RabbitMqManagementUri, settings.RabbitMqUri).ListAsync(5, ct), null), HtmlType);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                return Results.Content(ErrorsPage.Render(null, $"RabbitMQ's management API at {settings.RabbitMqManagementUri} did not answer: {e.Message}"), HtmlType);
            }
        });

        app.MapGet("/assets/{name}", (string name) => Asset(name));
        return app;
    }

    private static IResult Asset(string name)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"assets/{name}");
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => "application/octet-stream",
        };
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }
}
