using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Shared.Onnx;
using Xunit.Abstractions;

namespace NasPipeline.Tests.Adapt;

/// <summary>
/// FNA through the stages as deployed (`submit --fna`): a chain trained in the project is submitted, the Adapt stage
/// adapts its architecture in chunks (and is killed mid-adaptation on the way), derives a network with the seed's
/// parameters remapped into it, and the submitted and the derived network are fine-tuned and measured.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class FnaRunTests(PipelineFixture fixture, ITestOutputHelper log)
{
    /// <summary>8 architecture steps (1,024 images: 4 batches of 128 per epoch, a warm-up and a search epoch), one per
    /// message; fine-tunes of 8 steps of 32 images.</summary>
    private static readonly Dictionary<string, string> Budget = new()
    {
        ["Adapt__TrainImages"] = "256",
        ["Adapt__BatchSize"] = "32",
        ["Adapt__ChunkSteps"] = "4",
        ["Adapt__EvaluationImages"] = "128",
        ["Adapt__Threads"] = "1",
        ["Adapt__ArchitectureImages"] = "1024",
        ["Adapt__ArchitectureWarmupEpochs"] = "1",
        ["Adapt__ArchitectureSearchEpochs"] = "1",
        ["Adapt__ArchitectureChunkSteps"] = "1",
    };

    [Fact]
    public async Task A_submitted_chain_is_adapted_by_fna_in_the_stage_and_ends_with_both_networks_measured_though_adapt_was_killed_mid_adaptation()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-fna-run-").FullName;
        try
        {
            var seed = Path.Combine(folder, "seed.onnx");
            var train = await NaspCli.RunAsync(new Dictionary<string, string>(), "chain", "train", "--images", "128", "--eval-images", "64", "--epochs", "1",
                "--threads", "1", "--out", seed);
            Assert.True(train.ExitCode == 0, train.Output);

            await StageQueues.PurgeAsync("nasp-search");
            await StageQueues.PurgeAsync("nasp-adapt");
            await using var extract = await GraphExtractProcess.StartAsync(fixture);
            await using var search = await StageProcess.StartAsync("Stages.Search", fixture.Environment);
            // Disposed (killed) however the test ends: a stage left running would take the next test's messages.
            await using var adapt = await StageProcess.StartAsync("Stages.Adapt", fixture.Environment, Budget);

            var submit = await NaspCli.RunAsync(fixture.Environment.ToDictionary(), "submit", seed, "--tasks", "classification", "--fna", "--target-macs", "0.8x",
                "--input", "1x1x28x28", "--seed", "11");
            Assert.True(submit.ExitCode == 0, submit.Output);
            var runId = Guid.Parse(NaspCli.RunIdOf(submit.Output));

            await Eventually.TrueAsync(async () => await EventsAsync(runId) is var events && (events.OfType<ArchitectureChunkTrained>().Count() >= 2 || events.Any(TerminalEvents.Ends)),
                TimeSpan.FromSeconds(300), $"two architecture chunks; search:\n{search.Output}\nadapt:\n{adapt.Output}");
            var ended = (await EventsAsync(runId)).Where(TerminalEvents.Ends).ToList();
            Assert.True(ended.Count == 0, $"the run ended early: {string.Join("; ", ended)}");
            adapt.Kill();
            var whenKilled = await EventsAsync(runId);
            log.WriteLine($"architecture chunks when killed: {whenKilled.OfType<ArchitectureChunkTrained>().Count()}");
            Assert.Empty(whenKilled.OfType<ArchitectureDerived>());

            await using (var restarted = await StageProcess.StartAsync("Stages.Adapt", fixture.Environment, Budget))
            {
                await Eventually.TrueAsync(async () => (await EventsAsync(runId)).Any(TerminalEvents.Ends), TimeSpan.FromSeconds(600),
                    $"the run ended after the restart; adapt:\n{restarted.Output}\nsearch:\n{search.Output}");
            }

            var stream = await EventsAsync(runId);
            Assert.Empty(stream.OfType<RunFailed>());
            var started = Assert.Single(stream.OfType<ArchitectureAdaptationStarted>());
            Assert.Equal((8, 4, 1024), (started.Settings.TotalSteps, started.Settings.StepsPerEpoch, started.Settings.TrainImages));
            Assert.Equal(9_374_832, started.SeedMacs);
            Assert.Equal(7_499_865, started.Settings.MacBudget);
            Assert.Equal(Enumerable.Range(0, 8), stream.OfType<ArchitectureChunkTrained>().Select(c => c.Chunk));
            Assert.All(stream.OfType<ArchitectureChunkTrained>().Skip(4), c => Assert.NotNull(c.ExpectedMacs));
            var derived = Assert.Single(stream.OfType<ArchitectureDerived>());
            Assert.InRange(derived.DerivedMacs, 1, 7_499_865);
            // The seed's stem and stage widths and strides, one layer more per stage than the seed's two.
            Assert.StartsWith("16 | 24/s2: ", derived.Derived, StringComparison.Ordinal);
            Assert.Equal(5, derived.Derived.Split('|').Length);
            var derivedOnnx = await fixture.Blobs.GetAsync(derived.ModelBlobHash);
            Assert.Equal([1L, 10L], OnnxRuntimeRun.OnRandomInput(derivedOnnx!, seed: 1)["logits"].Shape);

            var requests = stream.OfType<AdaptSubnet>().ToList();
            Assert.Equal([started.SeedModelBlobHash, derived.ModelBlobHash], requests.Select(r => r.Candidate.Name));
            var graph = Assert.Single(stream.OfType<GraphExtracted>());
            var completed = Assert.Single(stream.OfType<SearchCompleted>());
            var measured = completed.Measured!;
            Assert.Equal((graph.Macs, derived.Macs), (measured.Original.Macs, measured.Kept.Macs));
            Assert.True(measured.Kept.Macs < measured.Original.Macs, $"{measured.Kept.Macs} < {measured.Original.Macs}");
            Assert.All([measured.Original, measured.Kept], n => Assert.InRange(n.Measured["classification"], 0.0, 1.0));
            Assert.Equal(measured.Kept.FineTunedBlobHash, completed.ModelBlobHash);
            var kept = await fixture.Blobs.GetAsync(completed.ModelBlobHash!);
            Assert.Equal([1L, 10L], OnnxRuntimeRun.OnRandomInput(kept!, seed: 1).Values.Single().Shape);

            var show = await NaspCli.RunAsync(fixture.Environment.ToDictionary(), "show", runId.ToString(), "--front");
            Assert.Matches(@"(?m)^kept vs original, measured: \d+\.\d% fewer MACs; classification [+-]\d\.\d{4}$", show.Output);
            Assert.Contains("FNA: the submitted network, then the network derived from it by architecture adaptation", show.Output, StringComparison.Ordinal);
            Assert.Contains($"FNA: {derived.Derived}", show.Output, StringComparison.Ordinal);
            var events = await NaspCli.RunAsync(fixture.Environment.ToDictionary(), "show", runId.ToString(), "--events");
            Assert.Contains("FNA derived ", events.Output, StringComparison.Ordinal);
            Assert.Contains("search started: FNA on the submitted network, seed 11", events.Output, StringComparison.Ordinal);
            Assert.Contains($"network {derived.ModelBlobHash[..12]} sent to be fine-tuned and measured on classification", events.Output, StringComparison.Ordinal);
            Assert.Contains("FNA architecture adaptation: chunk 8/8, step 8/8", events.Output, StringComparison.Ordinal);
            var replay = await NaspCli.RunAsync(fixture.Environment.ToDictionary(), "replay", runId.ToString(), "--redrive");
            Assert.Matches(@"re-drove the search: \d+ decisions, all identical", replay.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<List<IRunMessage>> EventsAsync(Guid runId) =>
        (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).OfType<IRunMessage>().ToList();
}
