using System.Globalization;
using System.Net;

namespace NasPipeline.Dashboard.Html;

/// <summary>Text into HTML: every value the store holds is encoded, so a model or task name cannot inject markup.</summary>
public static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString(Math.Abs(value) >= 1000 ? "N0" : "0.####", CultureInfo.InvariantCulture) : "-";

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A table whose headers sort it when clicked (dashboard.js); numeric cells carry their value for sorting.</summary>
    public static string Table(string id, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows)
    {
        var body = string.Concat(rows.Select(r => "<tr>" + string.Concat(r.Select(c => c.ToHtml())) + "</tr>\n"));
        return $"<table id=\"{id}\" class=\"sortable\"><thead><tr>{string.Concat(headers.Select(h => $"<th>{E(h)}</th>"))}</tr></thead>\n<tbody>\n{body}</tbody></table>";
    }
}

/// <summary>One table cell: its HTML, and a sort key when it is a number.</summary>
public sealed record Cell(string Markup, double? SortKey = null)
{
    public static Cell Text(string? text) => new(Html.E(text));

    public static Cell Number(double value) => new(Html.Number(value), value);

    public static Cell Count(long? value) => value is { } v ? new Cell(v.ToString("N0", CultureInfo.InvariantCulture), v) : new Cell("-");

    public string ToHtml() => SortKey is { } key
        ? $"<td class=\"num\" data-sort=\"{key.ToString("R", CultureInfo.InvariantCulture)}\">{Markup}</td>"
        : $"<td>{Markup}</td>";
}
