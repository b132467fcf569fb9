using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Search.Loop;
using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Shared.Onnx;
using Xunit.Abstractions;

namespace NasPipeline.Tests.Adapt;

/// <summary>
/// A submitted ONNX network through the stages as deployed (GraphExtract, Search and Adapt as their own processes, a
/// stand-in predictor), asking for adaptation: the Adapt stage fine-tunes the submitted network, the kept one and one
/// between them on the path, measures them, and is killed mid fine-tune on the way.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class NetworkAdaptationRunTests(PipelineFixture fixture, ITestOutputHelper log)
{
    /// <summary>16 steps of 32 images per network in 8 chunks: seconds.</summary>
    private static readonly Dictionary<string, string> Budget = new()
    {
        ["Adapt__TrainImages"] = "512",
        ["Adapt__BatchSize"] = "32",
        ["Adapt__ChunkSteps"] = "2",
        ["Adapt__EvaluationImages"] = "256",
        ["Adapt__Threads"] = "1",
    };

    [Fact]
    public async Task An_onnx_run_with_adapt_ends_with_both_networks_measured_and_a_fine_tuned_kept_onnx_though_adapt_was_killed_mid_fine_tune()
    {
        // The stub scores every mutant as the original, so every round keeps one: the kept network differs from the submitted.
        await using var predictor = await PredictorStub.StartAsync(fixture.Writer);
        await StageQueues.PurgeAsync("nasp-search");
        await StageQueues.PurgeAsync("nasp-adapt");
        await using var extract = await GraphExtractProcess.StartAsync(fixture);
        await using var search = await StageProcess.StartAsync("Stages.Search", fixture.Environment);
        await using var adapt = await StageProcess.StartAsync("Stages.Adapt", fixture.Environment, Budget);

        var submit = await NaspCli.RunAsync(fixture.Environment.ToDictionary(), "submit", RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28",
            "--tasks", "classification", "--adapt", "2", "--max-drop", "0.05", "--population", "4", "--generations", "2", "--seed", "7");
        Assert.True(submit.ExitCode == 0, submit.Output);
        var runId = Guid.Parse(NaspCli.RunIdOf(submit.Output));

        await Eventually.TrueAsync(async () => (await EventsAsync(runId)).OfType<NetworkChunkTrained>().Count() >= 3, TimeSpan.FromSeconds(300),
            $"a few fine-tune chunks; search:\n{search.Output}\nadapt:\n{adapt.Output}");
        adapt.Kill();
        log.WriteLine($"chunks when killed: {(await EventsAsync(runId)).OfType<NetworkChunkTrained>().Count()}");
        Assert.Empty((await EventsAsync(runId)).OfType<SearchCompleted>());

        await using (var restarted = await StageProcess.StartAsync("Stages.Adapt", fixture.Environment, Budget))
        {
            await Eventually.TrueAsync(async () => (await EventsAsync(runId)).Any(TerminalEvents.Ends), TimeSpan.FromSeconds(600),
                $"the run ended after the restart; adapt:\n{restarted.Output}\nsearch:\n{search.Output}");
        }

        var stream = await EventsAsync(runId);
        Assert.Empty(stream.OfType<RunFailed>());
        // Two rounds, each keeping an edit: the submitted network, the one after the first edit, and the kept one.
        var requests = stream.OfType<AdaptSubnet>().ToList();
        Assert.Equal(3, requests.Count);
        foreach (var request in requests)
        {
            Assert.Single(stream.OfType<NetworkFineTuneStarted>(), s => s.RequestId == request.RequestId);
            Assert.Equal(Enumerable.Range(0, 8), stream.OfType<NetworkChunkTrained>().Where(c => c.RequestId == request.RequestId).Select(c => c.Chunk));
            Assert.Single(stream.OfType<SubnetAdapted>(), a => a.RequestId == request.RequestId);
        }

        var completed = Assert.Single(stream.OfType<SearchCompleted>());
        var measured = completed.Measured!;
        var between = Assert.Single(measured.Between!);
        Assert.Equal((0, 1, 2), (measured.Original.Step, between.Step, measured.Kept.Step));
        Assert.True(measured.Kept.Macs < between.Macs && between.Macs < measured.Original.Macs, $"{measured.Kept.Macs} < {between.Macs} < {measured.Original.Macs}");
        Assert.All([measured.Original, between, measured.Kept], n => Assert.InRange(n.Measured["classification"], 0.0, 1.0));
        Assert.All([measured.Original, between, measured.Kept], n => Assert.Equal(0.5, n.Predicted["classification"]));
        Assert.NotNull(await fixture.Blobs.GetAsync(between.ModelBlobHash));
        // --max-drop: the run returns the network the measurements choose, whichever it is.
        var choice = MeasuredSelection.Choose(stream.OfType<ModelSubmitted>().Single(), [measured.Original, between, measured.Kept]);
        Assert.Equal(choice, measured.Choice);
        Assert.Equal(new[] { measured.Original, between, measured.Kept }[choice!.Step].FineTunedBlobHash, completed.ModelBlobHash);
        var kept = await fixture.Blobs.GetAsync(completed.ModelBlobHash!);
        Assert.Equal([1L, 10], OnnxRuntimeRun.OnRandomInput(kept!, seed: 1).Values.Single().Shape);

        var show = await NaspCli.RunAsync(fixture.Environment.ToDictionary(), "show", runId.ToString(), "--front");
        Assert.Matches(@"(?m)^original\s+0\s+290,080\s+9,098\s+0\.\d{4}\s+0\.5000$", show.Output);
        Assert.Matches(@"(?m)^between\s+1\s+[\d,]+\s+[\d,]+\s+0\.\d{4}\s+0\.5000$", show.Output);
        Assert.Matches(@"(?m)^kept vs original, measured: \d+\.\d% fewer MACs; classification [+-]\d\.\d{4}$", show.Output);
        Assert.Matches($@"(?m)^chosen by measurement \(the cheapest at most 0\.05 below the original on every task\): step {choice.Step}, \d+\.\d% fewer MACs; classification [+-]\d\.\d{{4}}$",
            show.Output);
        Assert.Contains($"chosen network's ONNX, fine-tuned: blob {completed.ModelBlobHash}", show.Output, StringComparison.Ordinal);
    }

    private async Task<List<IRunMessage>> EventsAsync(Guid runId) =>
        (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).OfType<IRunMessage>().ToList();
}
