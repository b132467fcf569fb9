using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Hosting.Projections;
using Npgsql;
using Weasel.Core;

namespace NasPipeline.Hosting.EventStore;

public static class MartenSetup
{
    /// <summary>The documents every stage writes: the inbox markers and the two inline projections of each run.</summary>
    public static readonly IReadOnlyList<Type> SharedDocumentTypes = [typeof(ProcessedMessage), typeof(RunSummary), typeof(RunListEntry)];

    public static IServiceCollection AddPipelineEventStore(this IServiceCollection services, PipelineSettings settings,
        SchemaPolicy schema = SchemaPolicy.ApplyAtStart)
    {
        var marten = services.AddMarten(options => Configure(options, settings, schema));
        if (schema == SchemaPolicy.ApplyAtStart)
        {
            marten.ApplyAllDatabaseChangesOnStartup();
        }
        else
        {
            services.AddSingleton(sp => new SchemaPresenceCheck(sp.GetRequiredService<IDocumentStore>(),
                sp.GetRequiredService<NpgsqlDataSource>(), settings, schema));
            services.AddHostedService(sp => sp.GetRequiredService<SchemaPresenceCheck>());
        }

        services.AddSingleton<RunEventWriter>();
        services.AddSingleton<RunReader>();
        services.AddSingleton<RunRecording>();
        services.AddSingleton<RunReplayer>();
        return services;
    }

    /// <summary>
    /// Document types a part of the pipeline stores beside the ones every process uses, so that `nasp db migrate`
    /// creates their tables and a stage without DDL rights never meets a missing one on first use.
    /// </summary>
    public static IServiceCollection AddStoredDocuments(this IServiceCollection services, IEnumerable<Type> documentTypes)
    {
        var types = documentTypes.ToArray();
        if (types.Length > 0)
        {
            services.ConfigureMarten(options =>
            {
                foreach (var type in types)
                {
                    options.RegisterDocumentType(type);
                }
            });
        }

        return services;
    }

    /// <summary>Also used by tools that open the store without a host (CLI read commands, benchmarks).</summary>
    public static void Configure(StoreOptions options, PipelineSettings settings, SchemaPolicy schema = SchemaPolicy.ApplyAtStart)
    {
        options.Connection(settings.PostgresConnectionString);
        options.DatabaseSchemaName = settings.Schema;
        // A role without DDL rights must never be led into a CREATE by a document type's first use.
        options.AutoCreateSchemaObjects = schema == SchemaPolicy.RequireMigrated ? AutoCreate.None : AutoCreate.CreateOrUpdate;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.AddEventTypes(EventCatalogue.EventTypes);
        options.Schema.For<ProcessedMessage>().Identity(m => m.Id);

        // Inline: the summary commits with the events, so `show` right after an event never reads a stale run.
        options.Projections.Add<RunSummaryProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<RunListProjection>(ProjectionLifecycle.Inline);
    }
}
