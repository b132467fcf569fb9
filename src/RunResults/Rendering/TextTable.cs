using System.Text;

namespace NasPipeline.RunResults.Rendering;

/// <summary>A fixed-width table: each column as wide as its widest cell, numbers right-aligned, text left-aligned.</summary>
public sealed class TextTable(IReadOnlyList<string> headers, IReadOnlyList<bool> rightAligned)
{
    private readonly List<IReadOnlyList<string>> _rows = [];

    public TextTable Add(IReadOnlyList<string> cells)
    {
        if (cells.Count != headers.Count)
        {
            throw new ArgumentException($"A row has {cells.Count} cells for {headers.Count} columns.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var widths = headers.Select((h, j) => _rows.Select(r => r[j].Length).Prepend(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(headers))
        {
            var cells = row.Select((c, j) => rightAligned[j] ? c.PadLeft(widths[j]) : c.PadRight(widths[j]));
            text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }

        return text.ToString();
    }
}
