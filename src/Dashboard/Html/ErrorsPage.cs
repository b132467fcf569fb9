using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Dashboard.Html;

public static class ErrorsPage
{
    public static string Render(IReadOnlyList<ErrorQueue>? queues, string? problem) => Layout.Page("Error queues", problem is not null
        ? $"<p class=\"problem\">{Html.E(problem)}</p>"
        : queues!.Count == 0
            ? "<p>No error queue exists.</p>"
            : Html.Table("error-queues", ["queue", "messages", "message type", "reason"], queues.SelectMany(q => q.Samples.Count == 0
                ? [(IReadOnlyList<Cell>)[Cell.Text(q.Name), Cell.Count(q.Messages), Cell.Text(""), Cell.Text("")]]
                : q.Samples.Select(s => (IReadOnlyList<Cell>)[Cell.Text(q.Name), Cell.Count(q.Messages), Cell.Text(s.MessageType), Cell.Text(s.Reason)]))));
}
