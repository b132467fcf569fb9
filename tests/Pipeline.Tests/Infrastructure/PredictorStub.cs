using MassTransit;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Tests.Infrastructure;

/// <summary>Plays the Predict stage over RabbitMQ: answers every ScoreCandidates with a made-up accuracy (more
/// genes switched on scores higher, saturating; a graph hash, as mutation search sends, scores 0.5), appended to the run's
/// stream and then published, as every producer does.</summary>
public sealed class PredictorStub : IAsyncDisposable
{
    private readonly IBusControl _bus;

    private PredictorStub(IBusControl bus) => _bus = bus;

    public static async Task<PredictorStub> StartAsync(RunEventWriter writer)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(TestServers.RabbitMq, h => h.PublisherConfirmation = true);
            cfg.ReceiveEndpoint($"test-predictor-stub-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Handler<ScoreCandidates>(async context =>
                {
                    var scored = Score(context.Message);
                    await writer.DecideOnceAsync(scored.RunId, $"predictor-stub/{scored.RequestId}", RunFold.Nothing,
                        (_, _) => Task.FromResult<IReadOnlyList<IRunMessage>>([scored]), context.CancellationToken);
                    await context.Publish(scored);
                });
            });
        });
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return new PredictorStub(bus);
    }

    private static CandidateScored Score(ScoreCandidates request) => new(request.RunId, request.RequestId, request.Generation, 1,
        request.Candidates.Select(c => new CandidateScore(c, new Dictionary<string, double>
        {
            ["classification"] = c.Kind == CandidateKind.SpacePoint ? 1.0 - 1.0 / (1.0 + CandidateCodec.Genes(c.Name).Sum() / 10.0) : 0.5,
        }, 0.0)).ToList());

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
