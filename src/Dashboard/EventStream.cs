using Microsoft.AspNetCore.Http;
using NasPipeline.Dashboard.Html;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Dashboard;

/// <summary>
/// A run's events as server-sent events, from the version after <c>after</c> (or the browser's Last-Event-ID after a
/// reconnect) on, polled from the store each second until the page is closed.
/// </summary>
public static class EventStream
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static async Task WriteAsync(HttpContext context, RunReader reader, Guid runId, long after)
    {
        var cancellationToken = context.RequestAborted;
        if (long.TryParse(context.Request.Headers["Last-Event-ID"], out var resumed))
        {
            after = Math.Max(after, resumed);
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var recorded in await reader.EventsAsync(runId, after, cancellationToken))
                {
                    var line = EventLine.Of(recorded);
                    await context.Response.WriteAsync($"id: {line.Version}\nevent: run-event\ndata: {line.ToJson()}\n\n", cancellationToken);
                    after = recorded.Version;
                }

                await context.Response.Body.FlushAsync(cancellationToken);
                await Task.Delay(Poll, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed.
        }
    }
}
