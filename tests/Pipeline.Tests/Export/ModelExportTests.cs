using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Export;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Shared.Onnx;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Tests.Export;

/// <summary>What `nasp export` picks from a run's events, without servers: the events are built here, blobs are a dictionary.</summary>
public sealed class ModelExportTests
{
    private static readonly Guid RunId = Guid.Parse("5c1e0f4a-7b2d-4e61-9a3c-2d4f6b8a0c1e");
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly ModelExport Export = new(Spaces, () => TorchEnvironment.Initialise(new TorchOptions { Threads = 2, Device = TorchDeviceKind.Cpu }));

    [Fact]
    public async Task A_kept_network_stored_without_weights_gets_them_seeded_from_the_runs_seed()
    {
        // A run recorded before kept networks carried weights: its blob is the stripped export itself.
        var onnx = await File.ReadAllBytesAsync(RepoPaths.Fixture("mobilenet_v2.onnx"));
        var hash = ContentHash.Of(onnx);
        object[] events =
        [
            Submitted(new OnnxModelRef(hash, "mobilenet_v2.onnx", onnx.Length), null, seed: 2),
            new SearchStarted(RunId, "mutation", 8, 4, 1, 0, 0, 7),
            new SearchCompleted(RunId, [new FrontMember(Candidate.Graph(hash), new Dictionary<string, double>())], [], hash),
        ];

        var exported = await Export.RunAsync(events, Blobs((hash, onnx)), candidate: null, checkpoint: null);

        Assert.Contains("seeded He-normal (seed 7)", exported.Weights, StringComparison.Ordinal);
        Assert.Equal([1L, 1000], OnnxRuntimeRun.OnRandomInput(exported.Onnx, seed: 1).Values.Single().Shape);
    }

    [Fact]
    public async Task A_kept_network_whose_weights_were_seeded_by_the_search_says_so_as_the_run_recorded()
    {
        // What the Search stage stores: the kept network with its missing weights already seeded, and the fill in SearchCompleted.
        var stripped = await File.ReadAllBytesAsync(RepoPaths.Fixture("mobilenet_v2.onnx"));
        var kept = NasPipeline.Search.Mutation.KeptNetwork.Of(stripped, seed: 3);
        var hash = ContentHash.Of(kept.Onnx);
        object[] events =
        [
            Submitted(new OnnxModelRef(ContentHash.Of(stripped), "mobilenet_v2.onnx", stripped.Length), null, seed: 3),
            new SearchStarted(RunId, "mutation", 8, 4, 1, 0, 0, 3),
            new SearchCompleted(RunId, [new FrontMember(Candidate.Graph(hash), new Dictionary<string, double>())], [], hash, kept.Weights.Describe()),
        ];

        var exported = await Export.RunAsync(events, Blobs((hash, kept.Onnx)), candidate: null, checkpoint: null);

        Assert.Equal(kept.Onnx, exported.Onnx);
        Assert.Contains("seeded He-normal (seed 3)", exported.Weights, StringComparison.Ordinal);
        Assert.Equal(kept.Weights.Describe(), exported.Weights);
    }

    [Fact]
    public async Task A_space_run_exports_the_front_member_best_in_its_first_objective_with_the_runs_seed()
    {
        var space = Spaces.Get("mbv3-28");
        var (small, large) = (CandidateCodec.Encode(space.Name, space.Smallest), CandidateCodec.Encode(space.Name, space.Largest));
        object[] events =
        [
            Submitted(null, new SearchSpacePoint(space.Name, space.Smallest), seed: 4, new Objective(CostNames.Macs, ObjectiveDirection.Minimize)),
            new SearchCompleted(RunId, [Member(large, macs: 9, accuracy: 0.9), Member(small, macs: 1, accuracy: 0.5)], []),
        ];

        var exported = await Export.RunAsync(events, Blobs(), candidate: null, checkpoint: null);

        Assert.Equal(small, OnnxRuntimeRun.Metadata(exported.Onnx)["nasp.point"]);
        Assert.StartsWith("seeded initialisation of the mbv3-28 supernet (seed 4)", exported.Weights, StringComparison.Ordinal);
        Assert.Equal(4, OnnxRuntimeRun.OnRandomInput(exported.Onnx, seed: 1).Count);
    }

    [Fact]
    public async Task What_cannot_be_exported_is_refused_with_the_reason()
    {
        var onnx = await File.ReadAllBytesAsync(RepoPaths.Fixture("small_cnn_28.onnx"));
        var hash = ContentHash.Of(onnx);
        object[] failed = [Submitted(new OnnxModelRef(hash, "small_cnn_28.onnx", onnx.Length), null, seed: 1),
            new RunFailed(RunId, "predict", "NoPredictor: no predictor", DateTimeOffset.UnixEpoch)];
        object[] completed = [.. failed.Take(1), new SearchCompleted(RunId, [], [], hash)];

        var noResult = await Assert.ThrowsAsync<ModelExportException>(() => Export.RunAsync(failed, Blobs(), null, null));
        var candidate = await Assert.ThrowsAsync<ModelExportException>(() => Export.RunAsync(completed, Blobs((hash, onnx)), "mbv3-28:smallest", null));

        Assert.Equal($"Run {RunId} has no kept network: it failed in predict: NoPredictor: no predictor.", noResult.Message);
        Assert.Contains("--candidate and --checkpoint are for runs of a search space", candidate.Message, StringComparison.Ordinal);
    }

    private static ModelSubmitted Submitted(OnnxModelRef? onnx, SearchSpacePoint? point, int seed, params Objective[] objectives) =>
        new(RunId, DateTimeOffset.UnixEpoch, onnx, point, [], ["classification"],
            objectives.Length > 0 ? objectives : [new Objective("classification", ObjectiveDirection.Maximize)], [], seed);

    private static FrontMember Member(string candidate, double macs, double accuracy) =>
        new(Candidate.Point(candidate), new Dictionary<string, double> { [CostNames.Macs] = macs, ["classification"] = accuracy });

    private static Func<string, CancellationToken, Task<byte[]?>> Blobs(params (string Hash, byte[] Bytes)[] stored)
    {
        var blobs = stored.ToDictionary(b => b.Hash, b => b.Bytes);
        return (hash, _) => Task.FromResult(blobs.GetValueOrDefault(hash));
    }
}
