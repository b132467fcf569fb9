using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Contracts;
using NasPipeline.Hosting;

namespace NasPipeline.Tests.Failures;

/// <summary>A run message only the test stage below consumes.</summary>
public sealed record FailureProbe(Guid RunId) : IRunMessage;

/// <summary>A test-only stage whose one consumer throws on every attempt, counting them per run.</summary>
public sealed class AlwaysFailingStage : IPipelineStage
{
    public const string Queue = "nasp-always-failing";

    public static ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    public string Name => "always-failing";

    public void AddServices(IServiceCollection services)
    {
    }

    public void AddConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<FailingConsumer>().Endpoint(e =>
        {
            e.Name = Queue;
            e.Temporary = true;
        });

    public sealed class FailingConsumer : IConsumer<FailureProbe>
    {
        public Task Consume(ConsumeContext<FailureProbe> context)
        {
            var attempt = Attempts.AddOrUpdate(context.Message.RunId, 1, (_, n) => n + 1);
            throw new InvalidOperationException($"attempt {attempt} failed on purpose");
        }
    }
}
