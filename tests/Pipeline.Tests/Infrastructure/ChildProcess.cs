using System.Collections.Concurrent;
using System.Diagnostics;

namespace NasPipeline.Tests.Infrastructure;

/// <summary>A stage or CLI run as its own OS process, with its output kept for assertions and failure messages.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _name;

    private ChildProcess(Process process, string name)
    {
        _process = process;
        _name = name;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ChildProcess StartDll(string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is not built; run `dotnet build Pipeline.sln -c {RepoPaths.Configuration}` first.", dll);
        }

        // A test runner started in the background of a non-interactive shell (CI, nohup) ignores SIGINT, children inherit
        // that, and .NET then installs no SIGINT handler at all: Ctrl-C tests would see a process that cannot be
        // interrupted. `env` restores the default disposition a user's terminal gives, then execs dotnet (same pid).
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}"), Path.GetFileName(dll));
    }

    /// <summary>Waits for a line; a process that never prints it is killed, so a failed start leaves no stage behind to
    /// take later tests' messages off the shared queues.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        try
        {
            await Eventually.TrueAsync(() => Output.Contains(text, StringComparison.Ordinal) || HasExited, timeout, $"'{text}' in the output of {_name}");
        }
        catch (TimeoutException)
        {
            Kill();
            throw;
        }

        if (!Output.Contains(text, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"process exited ({ExitCode}) before printing '{text}':\n{Output}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"process did not exit within {timeout}:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends a signal by name (TERM, INT), as `kill -TERM PID` or a service manager does.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
                         ?? throw new InvalidOperationException("could not start kill");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed ({kill.ExitCode})");
        }
    }

    /// <summary>SIGSTOP: the process holds what it has taken (messages stay unacknowledged) and does nothing more until
    /// it is killed, so a test can queue work that it knows the crash will leave undone.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>SIGKILL: no shutdown hooks, no acknowledgements, exactly what a crash looks like to the broker.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
