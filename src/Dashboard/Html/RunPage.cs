using NasPipeline.Contracts.Events;
using NasPipeline.Dashboard.Plots;
using NasPipeline.Hosting.EventStore;
using NasPipeline.RunResults.Model;

namespace NasPipeline.Dashboard.Html;

/// <summary>One run: its front per generation, its predictors, every scored candidate, and its events (live).</summary>
public static class RunPage
{
    public static string Render(RunResult result, IReadOnlyList<RecordedEvent> events)
    {
        var status = result.Failure is { } failure ? $"failed: {failure}" : result.Completed ? "completed" : "running";
        var lastVersion = events.Count == 0 ? 0 : events[^1].Version;
        var body = $"""
            <p class="summary">{Html.E(result.Kind.ToString().ToLowerInvariant())} run · <span id="status">{Html.E(status)}</span> ·
            tasks {Html.E(string.Join(", ", result.Tasks))} · objectives {Html.E(string.Join(", ", result.Objectives))} ·
            front {result.Front.Count} · generations {result.Generations.Count}</p>
            <h2>Pareto front per generation</h2>
            <p class="legend">circle: predicted · diamond: measured · square: untraced · light to dark blue: generations · red: the final front</p>
            {FrontSvg.Render(result)}
            <h2>Predictors</h2>
            {Predictors(events)}
            <h2>Candidates and archive</h2>
            {Candidates(result)}
            <h2>Events</h2>
            <div id="events" data-run="{result.RunId}" data-after="{lastVersion}">
            {Html.Table("event-table", ["#", "time", "type", "data"], events.Select(e => EventLine.Of(e).Cells()))}
            </div>
            """;
        return Layout.Page($"Run {result.RunId}", body);
    }

    private static string Predictors(IReadOnlyList<RecordedEvent> events)
    {
        var trained = events.Select(e => e.Data).OfType<AdapterTrained>().ToList();
        return trained.Count == 0
            ? "<p>No predictor adopted yet.</p>"
            : Html.Table("predictors", ["task", "version", "model", "labels", "validation SRCC", "source"], trained.Select(a => (IReadOnlyList<Cell>)
            [
                Cell.Text(a.Task), Cell.Count(a.Version), Cell.Text(a.Model), Cell.Count(a.SampleCount), Cell.Number(a.ValidationSrcc), Cell.Text(a.Source),
            ]));
    }

    private static string Candidates(RunResult result)
    {
        var tasks = result.Candidates.SelectMany(c => c.Scores.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return result.Candidates.Count == 0
            ? "<p>No candidate scored yet.</p>"
            : Html.Table("candidates", ["candidate", "generation", "predictor version", .. tasks, "uncertainty", "clamped to the metric's range"], result.Candidates.Select(c => (IReadOnlyList<Cell>)
            [
                Cell.Text(c.Candidate), Cell.Count(c.Generation), Cell.Count(c.PredictorVersion),
                .. tasks.Select(t => c.Scores.TryGetValue(t, out var v) ? Cell.Number(v) : Cell.Text("-")),
                Cell.Number(c.Uncertainty),
                Cell.Text(string.Join(", ", c.Clamped ?? [])),
            ]));
    }
}
