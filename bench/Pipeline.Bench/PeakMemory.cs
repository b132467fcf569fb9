using System.Globalization;

namespace NasPipeline.Bench;

/// <summary>This process's resident-memory high-water mark (VmHWM): a case that measures it runs in a child process of
/// its own, so no earlier case's peak counts.</summary>
public static class PeakMemory
{
    public static double Megabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
