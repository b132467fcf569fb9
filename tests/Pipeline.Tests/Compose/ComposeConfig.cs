using System.Diagnostics;
using System.Text.Json;

namespace NasPipeline.Tests.Compose;

/// <summary>
/// What `docker-compose config` makes of a compose file (Debian's docker-compose 1.29, which scripts/servers.sh installs;
/// it resolves extends, merges and interpolation without a Docker engine), as JSON through Python's yaml module,
/// which docker-compose itself depends on.
/// </summary>
public static class ComposeConfig
{
    public static async Task<JsonElement> ResolveAsync(string composeFile, IReadOnlyDictionary<string, string>? environment = null)
    {
        var config = await RunAsync("docker-compose", ["-f", composeFile, "config"], null, environment);
        var json = await RunAsync("python3", ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"], config, null);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static async Task<string> RunAsync(string program, string[] args, string? input, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The compose file's defaults are what is under test, not this machine's NASP_* variables.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("NASP_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed ({e.Message}); scripts/servers.sh start installs it.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(input ?? "");
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            return process.ExitCode == 0
                ? await output
                : throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await error}");
        }
    }
}
