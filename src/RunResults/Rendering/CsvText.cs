using System.Text;

namespace NasPipeline.RunResults.Rendering;

/// <summary>RFC 4180 CSV: a field with a comma, quote or line break is quoted (a space candidate, <c>mbv3-28:0,2,...</c>, always is).</summary>
public static class CsvText
{
    public static string Of(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            text.Append(string.Join(',', row.Select(Field))).Append('\n');
        }

        return text.ToString();
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
