using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NasPipeline.Hosting.Health;

/// <summary>
/// The probe file: present, with one line per check, exactly while the last report was healthy. Written to a side file
/// and moved into place, so a probe never reads half a file.
/// </summary>
public sealed class HealthProbeFile(string path)
{
    public string Path { get; } = path;

    public void Record(HealthReport report)
    {
        if (report.Status != HealthStatus.Healthy)
        {
            Remove();
            return;
        }

        var text = new StringBuilder($"{report.Status}\n");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append($"{name}: {entry.Status}{(entry.Description is { Length: > 0 } d ? $" ({d})" : "")}\n");
        }

        var side = $"{Path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(side, text.ToString());
        File.Move(side, Path, overwrite: true);
    }

    public void Remove() => File.Delete(Path);
}
