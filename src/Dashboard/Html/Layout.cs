namespace NasPipeline.Dashboard.Html;

/// <summary>The page around every view: the dashboard's own stylesheet and script, nothing from another host.</summary>
public static class Layout
{
    public static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{Html.E(title)} · NAS Pipeline</title>
        <link rel="stylesheet" href="/assets/dashboard.css">
        <script src="/assets/dashboard.js" defer></script>
        </head>
        <body>
        <nav><a href="/">Runs</a> <a href="/errors">Error queues</a></nav>
        <main>
        <h1>{Html.E(title)}</h1>
        {body}
        </main>
        </body>
        </html>
        """;
}
