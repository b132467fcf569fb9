using System.Globalization;
using System.Text.Json;
using Marten;
using MassTransit;
using Npgsql;
using NasPipeline.Contracts.Json;
using NasPipeline.Hosting;
using NasPipeline.Hosting.Blobs;
using NasPipeline.Hosting.EventStore;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Bench.Load;

/// <summary>
/// `nasp-bench load`: the pipeline under load and faults (issue 15, item 5). Every stage runs as
/// <see cref="LoadBenchOptions.Replicas"/> separate processes on the servers of scripts/servers.sh, in a schema of its
/// own. A fault-free phase gives the runs-per-minute baseline; then the submissions go in bursts while stage processes
/// are killed and the servers restarted. Afterwards every run is audited (<see cref="RunAudit"/>). Exit code 1 when a
/// run is unfinished, an event is recorded twice or a decision re-drives differently.
/// </summary>
public static class LoadBench
{
    public static async Task<int> RunAsync(string root, LoadBenchOptions options, TextWriter output)
    {
        var pipeline = PipelineSettings.FromEnvironment() with { Schema = $"nasp_load_{DateTime.UtcNow:yyyyMMddHHmmss}" };
        var amqp = pipeline.RabbitMqUri ?? throw new InvalidOperationException("RabbitMq__Uri is not set: run through ./scripts/bench.sh load.");
        var management = pipeline.RabbitMqManagementUri ?? throw new InvalidOperationException("RabbitMq__ManagementUri is not set: run through ./scripts/bench.sh load.");
        using var queues = new QueueDepths(management, amqp);
        var busy = (await queues.ReadAsync(default)).Where(q => q.Value.Consumers > 0 && !q.Key.Contains("bench", StringComparison.Ordinal)).Select(q => q.Key).ToList();
        if (busy.Count > 0)
        {
            output.WriteLine($"load: stages already consume from {string.Join(", ", busy)}; stop them first (the bench starts its own).");
            return 2;
        }

        using var store = DocumentStore.For(o => MartenSetup.Configure(o, pipeline));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(pipeline.PostgresConnectionString);
        var blobs = new PostgresBlobStore(dataSource, pipeline.Schema);
        var spaces = SearchSpaceRegistry.CreateDefault();
        var submissions = new LoadSubmissions(spaces, await LoadSubmissions.UploadSmallCnnAsync(root, blobs), options);

        var logs = Path.Combine(root, "bench", "results", "load", pipeline.Schema);
        output.WriteLine($"[load] schema {pipeline.Schema}; stage logs in {logs}");
        await using var fleet = await StageFleet.StartAsync(root, options.Replicas, StageEnvironment(pipeline), logs);
        output.WriteLine($"[load] {fleet.Replicas.Count} stage processes up ({options.Replicas} of each of {StageFleet.Stages.Count} stages)");

        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(amqp, h => h.PublisherConfirmation = true));
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        try
        {
            var submitter = new LoadSubmitter(new RunEventWriter(store), bus, output);
            var phase = new LoadPhase(store, submitter, submissions, queues, output);
            var timeout = TimeSpan.FromMinutes(options.TimeoutMinutes);

            // The first run trains the default predictor (once per schema): not part of either figure.
            var warmUp = await phase.RunAsync("warm-up", options.BaselineSubmissions + options.Submissions, 1, 1, TimeSpan.Zero, timeout, default);
            if (warmUp.TimedOut)
            {
                output.WriteLine($"load: the warm-up run did not finish in {options.TimeoutMinutes} min; see the stage logs in {logs}");
                return 1;
            }

            var baseline = await phase.RunAsync("baseline", 0, options.BaselineSubmissions, options.BaselineSubmissions, TimeSpan.Zero, timeout, default);
            using var stopFaults = new CancellationTokenSource();
            var faults = new FaultInjector(root, fleet, options, output);
            var injecting = faults.RunAsync(stopFaults.Token);
            var loaded = await phase.RunAsync("faults", options.BaselineSubmissions, options.Submissions, options.BurstSize,
                TimeSpan.FromSeconds(options.BurstGapSeconds), timeout, default);
            await stopFaults.CancelAsync();
            await injecting;

            // Fresh connections: the pools' were cut by PostgreSQL's restarts (57P01), and an audit has no retry to spend.
            using var auditStore = DocumentStore.For(o => MartenSetup.Configure(o, pipeline));
            await using var auditSource = NpgsqlDataSource.Create(pipeline.PostgresConnectionString);
            var audit = new RunAudit(new RunReader(auditStore), new PostgresBlobStore(auditSource, pipeline.Schema), spaces);
            var baselineAudit = await audit.CheckAsync(baseline.Runs, default);
            var loadedAudit = await audit.CheckAsync(loaded.Runs, default);
            var errors = (await new NasPipeline.Hosting.Messaging.ErrorQueues(management, amqp).ListAsync(3, default)).Sum(q => q.Messages);

            var report = new LoadReport(options, baseline.Runs.Count / baseline.Elapsed.TotalMinutes, loaded.Runs.Count / loaded.Elapsed.TotalMinutes,
                loaded.Elapsed, loaded.TimedOut, faults.Kills, faults.ServerRestarts, submitter.Retries, errors,
                new SortedDictionary<string, long>(queues.Largest, StringComparer.Ordinal), baselineAudit, loadedAudit);
            report.Print(output);
            var json = Path.Combine(root, "bench", "results", "load.json");
            Directory.CreateDirectory(Path.GetDirectoryName(json)!);
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, OutputJson.Options));
            output.WriteLine($"wrote {json}");
            return report.Clean ? 0 : 1;
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static Dictionary<string, string> StageEnvironment(PipelineSettings pipeline) => new()
    {
        ["ConnectionStrings__Postgres"] = pipeline.PostgresConnectionString,
        ["RabbitMq__Uri"] = pipeline.RabbitMqUri!.ToString(),
        ["RabbitMq__ManagementUri"] = pipeline.RabbitMqManagementUri!.ToString(),
        ["Pipeline__Schema"] = pipeline.Schema,
        // The default predictor at the tests' size: it trains in seconds, once per schema; search quality is not measured here.
        ["Predict__DefaultPredictorArchitectures"] = "40",
        ["Predict__DefaultPredictorEpochs"] = "2",
        ["Predict__DefaultPredictorAdapterEpochs"] = "2",
        ["Adapt__Threads"] = "1",
        ["PseudoLabel__Threads"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };
}
