using System.Collections.Concurrent;
using MassTransit;

namespace NasPipeline.Tests.Infrastructure;

/// <summary>Counts, per run, the messages of one type that cross RabbitMQ (its own auto-delete queue, so it takes
/// nothing from the stages).</summary>
public sealed class MessageCounter<T> : IAsyncDisposable where T : class, NasPipeline.Contracts.IRunMessage
{
    private readonly ConcurrentDictionary<Guid, int> _counts = new();
    private IBusControl _bus = null!;

    public int Count(Guid runId) => _counts.GetValueOrDefault(runId);

    public static async Task<MessageCounter<T>> StartAsync()
    {
        var counter = new MessageCounter<T>();
        counter._bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(TestServers.RabbitMq);
            cfg.ReceiveEndpoint($"test-counter-{typeof(T).Name}-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Handler<T>(context =>
                {
                    counter._counts.AddOrUpdate(context.Message.RunId, 1, (_, n) => n + 1);
                    return Task.CompletedTask;
                });
            });
        });
        await counter._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return counter;
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
