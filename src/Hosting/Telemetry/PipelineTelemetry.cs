using System.Diagnostics;

namespace NasPipeline.Hosting.Telemetry;

/// <summary>
/// The spans of the pipeline's own work (extract, score, refit, adapt, train), beside MassTransit's and Npgsql's. They
/// nest under the consume span of the message that asked for the work, so one trace follows a run across stages.
/// </summary>
public static class PipelineTelemetry
{
    public const string SourceName = "NasPipeline";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span named <paramref name="name"/> tagged with the run, or null when nothing listens.</summary>
    public static Activity? Start(string name, Guid runId)
    {
        var activity = Source.StartActivity(name);
        activity?.SetTag("nasp.run_id", runId.ToString());
        return activity;
    }

    /// <summary>Runs <paramref name="work"/> inside a span <paramref name="name"/>; a failure marks the span as an error.</summary>
    public static async Task<T> TraceAsync<T>(string name, Guid runId, Func<Task<T>> work)
    {
        using var activity = Start(name, runId);
        try
        {
            return await work();
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }
}
