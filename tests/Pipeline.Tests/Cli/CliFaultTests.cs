using System.Net;
using System.Net.Sockets;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Cli;

/// <summary>
/// The real `nasp` under faults: SIGTERM and Ctrl-C stop it with 143 and 130, and a broker that does not answer ends
/// `submit` with a message instead of a silent wait.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class CliFaultTests(PipelineFixture fixture)
{
    // Not a measure of speed: a command that ignores the signal never exits, and this bound turns that into a failure
    // rather than a hung suite. The CLI itself ends any command 5 s after the signal.
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task Watch_stops_on_a_signal_with_its_exit_code(string signal, int expected)
    {
        // A run no stage will ever write to: watch polls it until its one-hour timeout.
        await using var watch = ChildProcess.StartDll(RepoPaths.CliDll, fixture.Environment, "watch", Guid.NewGuid().ToString());
        await watch.WaitForOutputAsync("(Ctrl-C stops)", TimeSpan.FromMinutes(3));

        await watch.SignalAsync(signal);

        Assert.Equal(expected, await watch.WaitForExitAsync(ExitBound));
    }

    [Fact]
    public async Task Submit_waiting_for_a_stopped_broker_stops_on_sigterm()
    {
        var env = new Dictionary<string, string>(fixture.Environment) { ["RabbitMq__Uri"] = $"amqp://guest:guest@127.0.0.1:{UnusedPort()}/" };
        await using var submit = ChildProcess.StartDll(RepoPaths.CliDll, env, "submit", RepoPaths.Fixture("small_cnn_28.onnx"),
            "--input", "1x1x28x28", "--connect-timeout", "3600");
        await submit.WaitForOutputAsync("waiting for RabbitMQ at", TimeSpan.FromMinutes(3));

        await submit.SignalAsync("TERM");

        Assert.Equal(143, await submit.WaitForExitAsync(ExitBound));
        Assert.DoesNotContain("   at ", submit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_gives_up_on_a_broker_that_does_not_answer_with_a_clear_message()
    {
        var port = UnusedPort();
        var env = new Dictionary<string, string>(fixture.Environment) { ["RabbitMq__Uri"] = $"amqp://guest:guest@127.0.0.1:{port}/" };

        var result = await NaspCli.RunAsync(env, "submit", RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--connect-timeout", "3");

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains($"error: RabbitMQ at amqp://127.0.0.1:{port}/ did not answer within 3 s. Is it running? ./scripts/servers.sh start",
            result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("guest", result.Output, StringComparison.Ordinal);
        Assert.False(result.Output.Split('\n').Any(line => Guid.TryParse(line.Trim(), out _)), "a run id was printed for a submission that was never published");
    }

    /// <summary>A port nothing listens on: bound, read, released.</summary>
    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
