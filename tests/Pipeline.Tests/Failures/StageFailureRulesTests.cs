using System.Net.Sockets;
using Npgsql;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Tests.Failures;

/// <summary>Which failures end a run, and how the stage and the reason are named (no bus needed).</summary>
public sealed class StageFailureRulesTests
{
    [Fact]
    public void A_database_outage_pauses_the_run_rather_than_failing_it()
    {
        var outage = new InvalidOperationException("Marten wraps it", new NpgsqlException("connection refused", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.True(DatabaseOutage.Is(outage));
        Assert.False(StageFailure.EndsTheRun(outage, stopping: false));
    }

    [Fact]
    public void A_stage_stopping_mid_message_hands_it_back_instead_of_failing_the_run()
    {
        Assert.False(StageFailure.EndsTheRun(new OperationCanceledException(), stopping: true));
        Assert.True(StageFailure.EndsTheRun(new InvalidOperationException("bug"), stopping: false));
    }

    [Theory]
    [InlineData("rabbitmq://127.0.0.1:5672/nasp-search", "search")]
    [InlineData("rabbitmq://127.0.0.1:5672/vhost/nasp-graph-extract?bind=true", "graph-extract")]
    [InlineData("loopback://localhost/nasp-predict", "predict")]
    [InlineData("loopback://localhost/other-queue", "other-queue")]
    public void The_stage_is_named_by_its_queue(string address, string stage)
    {
        Assert.Equal(stage, StageFailure.StageOf(new Uri(address)));
    }

    [Fact]
    public void The_reason_names_the_failure_and_its_root_cause()
    {
        var failure = new InvalidOperationException("outer", new FormatException("inner", new KeyNotFoundException("root")));

        Assert.Equal("InvalidOperationException: outer (caused by KeyNotFoundException: root)", StageFailure.Reason(failure));
    }
}
