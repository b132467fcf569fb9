using NasPipeline.Hosting.Projections;

namespace NasPipeline.Dashboard.Html;

public static class RunListPage
{
    public static string Render(IReadOnlyList<RunListEntry> runs) => Layout.Page("Runs", runs.Count == 0
        ? "<p>No runs yet. Submit one with <code>nasp submit MODEL.onnx --input 1x3x224x224</code>.</p>"
        : Html.Table("runs", ["run", "submitted", "last event", "status", "MACs", "tasks", "model"], runs.Select(r => (IReadOnlyList<Cell>)
        [
            new Cell($"<a class=\"run\" href=\"/runs/{r.Id}\">{r.Id}</a>"),
            Cell.Text(Html.Time(r.SubmittedAt)),
            Cell.Text(Html.Time(r.LastEventAt)),
            Cell.Text(r.Status.ToDisplay()),
            Cell.Count(r.Macs),
            Cell.Text(r.Tasks),
            Cell.Text(r.Model),
        ])));
}
