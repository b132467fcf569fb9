using System.Diagnostics;

namespace NasPipeline.Bench.Load;

/// <summary>The faults of a load run, on a seeded schedule: SIGKILL of a random stage process (started again two seconds
/// later) and RabbitMQ or PostgreSQL, in turn, down for a while (scripts/servers.sh down|up).</summary>
public sealed class FaultInjector(string root, StageFleet fleet, LoadBenchOptions options, TextWriter log)
{
    private readonly Random _random = new(options.Seed);

    public int Kills { get; private set; }

    public int ServerRestarts { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var nextKill = TimeSpan.FromSeconds(options.KillEverySeconds);
        var nextRestart = TimeSpan.FromSeconds(options.ServerRestartEverySeconds);
        var servers = new[] { "rabbitmq", "postgres" };
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
                if (options.KillEverySeconds > 0 && clock.Elapsed >= nextKill)
                {
                    nextKill += TimeSpan.FromSeconds(options.KillEverySeconds);
                    var victim = fleet.Replicas[_random.Next(fleet.Replicas.Count)];
                    victim.Kill();
                    Kills++;
                    log.WriteLine($"[load] {clock.Elapsed:mm\\:ss} kill -9 {victim.Name}");
                    await Task.Delay(TimeSpan.FromSeconds(2), stop);
                    victim.Start();
                }

                if (options.ServerRestartEverySeconds > 0 && clock.Elapsed >= nextRestart)
                {
                    var server = servers[ServerRestarts % servers.Length];
                    log.WriteLine($"[load] {clock.Elapsed:mm\\:ss} {server} down for {options.ServerDownSeconds} s");
                    await ServersAsync("down", server);
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(options.ServerDownSeconds), CancellationToken.None);
                    }
                    finally
                    {
                        await ServersAsync("up", server);
                    }

                    ServerRestarts++;
                    log.WriteLine($"[load] {clock.Elapsed:mm\\:ss} {server} up");
                    nextRestart = clock.Elapsed + TimeSpan.FromSeconds(options.ServerRestartEverySeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        // A killed replica is started again before the next fault; make sure none is left down for the audit's sake.
        foreach (var replica in fleet.Replicas.Where(r => !r.Running))
        {
            replica.Start();
        }
    }

    private async Task ServersAsync(string verb, string server)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        info.ArgumentList.Add(Path.Combine(root, "scripts", "servers.sh"));
        info.ArgumentList.Add(verb);
        info.ArgumentList.Add(server);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"servers.sh {verb} {server} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}
