using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Predict;
using Xunit.Abstractions;

namespace NasPipeline.Tests.Telemetry;

/// <summary>OpenTelemetry across processes: one trace from `nasp submit` to the Search stage's SearchCompleted.</summary>
[Collection(PipelineCollection.Name)]
public sealed class RunTraceTests(PipelineFixture fixture, ITestOutputHelper log)
{
    [Fact]
    public async Task One_trace_spans_submit_extract_score_and_search_completed_across_separate_stage_processes()
    {
        var task = $"trace-{Guid.NewGuid():N}"[..20];
        await new PredictTestKit(fixture).RegisterGnnAsync(task);
        foreach (var queue in new[] { "nasp-graph-extract", "nasp-search", "nasp-predict" })
        {
            await StageQueues.PurgeAsync(queue);
        }

        var environment = new Dictionary<string, string>(fixture.Environment) { ["Telemetry__Exporter"] = "console" };
        await using var extract = await StageProcess.StartAsync("Stages.GraphExtract", environment);
        await using var search = await StageProcess.StartAsync("Stages.Search", environment);
        await using var predict = await StageProcess.StartAsync("Stages.Predict", environment);

        var submit = await NaspCli.RunAsync(environment, "submit", TinyOnnx.TwoConvsFile(7), "--input", TinyOnnx.Input,
            "--tasks", task, "--seed", "3", "--population", "6", "--generations", "2", "--wait", "--timeout", "150");
        Assert.True(submit.ExitCode == 0, submit.Output);

        var root = Assert.Single(ConsoleSpans.Parse(submit.Output), s => s.Name == "submit");
        var processes = new[] { ("Stages.GraphExtract", extract), ("Stages.Search", search), ("Stages.Predict", predict) };
        // A span is exported when it ends, and the stages' last spans end just after the run's last event is stored.
        await Eventually.TrueAsync(() => ConsoleSpans.Parse(search.Output).Any(s => s.TraceId == root.TraceId && s.Name.Contains("SearchCompleted", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), $"the SearchCompleted span in the Search stage's trace {root.TraceId}\n{search.Output[^Math.Min(4000, search.Output.Length)..]}");

        var inTrace = processes.ToDictionary(p => p.Item1, p => ConsoleSpans.Parse(p.Item2.Output).Where(s => s.TraceId == root.TraceId).Select(s => s.Name).ToHashSet());
        foreach (var (process, names) in inTrace)
        {
            log.WriteLine($"{process}: {names.Count} span names in trace {root.TraceId}: {string.Join(", ", names.Order().Take(12))}");
        }

        Assert.Contains("extract", inTrace["Stages.GraphExtract"]);
        Assert.Contains("score", inTrace["Stages.Predict"]);
        Assert.Contains(inTrace["Stages.Search"], name => name.Contains("SearchCompleted", StringComparison.Ordinal));
        Assert.All(inTrace, p => Assert.Contains("postgresql", p.Value));
    }
}
