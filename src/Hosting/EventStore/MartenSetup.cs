using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Hosting.Projections;
using Weasel.Core;

namespace NasPipeline.Hosting.EventStore;

public static class MartenSetup
{
    public static IServiceCollection AddPipelineEventStore(this IServiceCollection services, PipelineSettings settings,
        SchemaPolicy schema = SchemaPolicy.ApplyAtStart)
    {
        var marten = services.AddMarten(options => Configure(options, settings));
        if (schema == SchemaPolicy.ApplyAtStart)
        {
            marten.ApplyAllDatabaseChangesOnStartup();
        }
        else
        {
            services.AddHostedService<SchemaPresenceCheck>();
        }

        services.AddSingleton<RunEventWriter>();
        services.AddSingleton<RunReader>();
        services.AddSingleton<RunRecording>();
        services.AddSingleton<RunReplayer>();
        return services;
    }

    /// <summary>Also used by tools that open the store without a host (CLI read commands, benchmarks).</summary>
    public static void Configure(StoreOptions options, PipelineSettings settings)
    {
        options.Connection(settings.PostgresConnectionString);
        options.DatabaseSchemaName = settings.Schema;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.AddEventTypes(EventCatalogue.EventTypes);
        options.Schema.For<ProcessedMessage>().Identity(m => m.Id);

        // Inline: the summary commits with the events, so `show` right after an event never reads a stale run.
        options.Projections.Add<RunSummaryProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<RunListProjection>(ProjectionLifecycle.Inline);
    }
}
