using System.Text.Json;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Dashboard.Html;

/// <summary>One stored event as the run page lists it (and streams it): its version, time, type and a short JSON summary.</summary>
public sealed record EventLine(long Version, string Time, string Type, string Summary)
{
    private const int SummaryLength = 240;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static EventLine Of(RecordedEvent recorded)
    {
        var json = JsonSerializer.Serialize(recorded.Data, recorded.Data.GetType(), Json);
        return new EventLine(recorded.Version, Html.Time(recorded.Timestamp), recorded.Data.GetType().Name,
            json.Length > SummaryLength ? json[..SummaryLength] + "…" : json);
    }

    public IReadOnlyList<Cell> Cells() => [Cell.Count(Version), Cell.Text(Time), Cell.Text(Type), new Cell($"<code>{Html.E(Summary)}</code>")];

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
