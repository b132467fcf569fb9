using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Bench.Load;

/// <summary>The load run's submissions, each a function of its index and the bench's seed: a search-space point run on
/// mbv3-28, or (one in <see cref="LoadBenchOptions.MutationEvery"/>) a mutation run of the small 28x28 CNN. Budgets are
/// small: the bench measures the pipeline's plumbing under faults, not search quality.</summary>
public sealed class LoadSubmissions(SearchSpaceRegistry spaces, OnnxModelRef smallCnn, LoadBenchOptions options)
{
    public const string Task = "classification";

    public static async Task<OnnxModelRef> UploadSmallCnnAsync(string root, IBlobStore blobs)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(root, "tests", "fixtures", "onnx", "small_cnn_28.onnx"));
        var hash = await blobs.PutAsync(bytes, "application/onnx");
        return new OnnxModelRef(hash, "small_cnn_28.onnx", bytes.Length);
    }

    public ModelSubmitted Create(int index)
    {
        var seed = options.Seed * 100_003 + index;
        IReadOnlyList<Objective> objectives = [new Objective(Task, ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)];
        if (options.MutationEvery > 0 && index % options.MutationEvery == 0)
        {
            return new ModelSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow, smallCnn, null, ["1x1x28x28"], [Task], objectives, [], seed,
                new SearchBudget(Population: 4, Generations: 2));
        }

        var space = spaces.Get("mbv3-28");
        var point = space.Repair(space.Sample(new Random(seed)));
        return new ModelSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow, null, new SearchSpacePoint(space.Name, point), [], [Task], objectives, [], seed,
            new SearchBudget(Population: 6, Generations: 3, Iterations: 1, AdaptPerIteration: 0, InitialSamples: 4));
    }
}
