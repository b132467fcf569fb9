using System.Diagnostics;
using System.Text.Json;

namespace NasPipeline.Bench;

/// <summary>Runs this benchmark again as a child process on one case (so its peak memory is the case's own) and reads
/// the JSON line the case prints last.</summary>
public static class BenchChild
{
    public static T Run<T>(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? JsonSerializer.Deserialize<T>(output.Trim().Split('\n')[^1])!
            : throw new InvalidOperationException($"{string.Join(' ', args)} exited {process.ExitCode}: {output}");
    }
}
