using System.Diagnostics;

namespace NasPipeline.Bench.Load;

/// <summary>One stage process of the fleet, started again after each kill; its output goes to a log file (appended
/// across restarts) so a failure can be read afterwards.</summary>
public sealed class StageReplica(string stage, int index, string dll, IReadOnlyDictionary<string, string> environment, string logFile) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _log = new(logFile, append: true) { AutoFlush = true };
    private Process? _process;
    private volatile bool _ready;

    public string Name => $"{stage}#{index}";

    public int Starts { get; private set; }

    public bool Running
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    /// <summary>Whether the current process has said its bus is up.</summary>
    public bool Ready => _ready && Running;

    public void Start()
    {
        _ready = false;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        Write($"--- start {Starts + 1} at {DateTime.UtcNow:O} (pid {process.Id})");
        process.OutputDataReceived += (_, e) => Output(e.Data);
        process.ErrorDataReceived += (_, e) => Output(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => Write($"--- exited at {DateTime.UtcNow:O}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_gate)
        {
            _process = process;
            Starts++;
        }
    }

    /// <summary>SIGKILL: no shutdown hook runs, in-flight messages are neither acknowledged nor finished.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
    }

    private void Output(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains("Bus started", StringComparison.Ordinal))
        {
            _ready = true;
        }

        Write(line);
    }

    private void Write(string line)
    {
        lock (_log)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _log.DisposeAsync();
    }
}
