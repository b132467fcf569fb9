using Marten;
using Npgsql;
using NasPipeline.Hosting;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Hosting.Blobs;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Tests.Infrastructure;

/// <summary>
/// One Marten schema per test run, so runs of the suite never see each other's streams; tests isolate further by
/// using fresh run ids.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    public string Schema { get; } = $"nasp_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Random.Shared.Next(1000, 9999)}";

    public PipelineSettings Settings => new(TestServers.Postgres, TestServers.RabbitMq,
        TestServers.RabbitMqManagement is { } m ? new Uri(m) : null, Schema);

    public DocumentStore Store { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public IBlobStore Blobs { get; private set; } = null!;

    public RunEventWriter Writer => new(Store);

    public RunReader Reader => new(Store);

    /// <summary>Environment for a stage process or CLI that must share this fixture's schema and servers.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(SmallDefaultPredictor.Environment)
    {
        ["ConnectionStrings__Postgres"] = TestServers.Postgres,
        ["RabbitMq__Uri"] = TestServers.RabbitMq.ToString(),
        ["RabbitMq__ManagementUri"] = TestServers.RabbitMqManagement ?? "",
        ["Pipeline__Schema"] = Schema,
    };

    public async Task InitializeAsync()
    {
        Store = DocumentStore.For(options => MartenSetup.Configure(options, Settings));
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        DataSource = NpgsqlDataSource.Create(TestServers.Postgres);
        Blobs = new PostgresBlobStore(DataSource, Schema);
    }

    public async Task DisposeAsync()
    {
        await using (var command = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE"))
        {
            await command.ExecuteNonQueryAsync();
        }

        Store.Dispose();
        await DataSource.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    // Tests that share the RabbitMQ queues run one after another.
    public const string Name = "pipeline";
}
