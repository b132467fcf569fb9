using System.Runtime.InteropServices;

namespace NasPipeline.Cli.CommandLine;

/// <summary>
/// Ctrl-C and SIGTERM cancel the running command's token, and the command exits 130 or 143. A command still running
/// <see cref="Grace"/> later (a training loop that never looks at the token, a client library that ignores it) is
/// ended there with the same code, and a second signal ends it at once: no command outlives a SIGTERM by more than
/// a few seconds.
/// </summary>
public sealed class Interruption : IDisposable
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private int _exitCode;

    public Interruption()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>130 or 143 once a signal has come, else null.</summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and > 0 ? code : null;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Without this the runtime ends the process before the command can say anything or release what it holds.
        context.Cancel = true;
        var code = context.Signal == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated;
        if (Interlocked.CompareExchange(ref _exitCode, code, 0) != 0)
        {
            Environment.Exit(Volatile.Read(ref _exitCode));
        }

        // Off the signal thread: cancellation callbacks may do real work (a host stopping).
        _ = Task.Run(() => _cancel.Cancel());
        _ = Task.Delay(Grace).ContinueWith(_ => Environment.Exit(code), TaskScheduler.Default);
    }
}
