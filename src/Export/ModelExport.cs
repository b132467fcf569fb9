using System.Globalization;
using System.Text.Json;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;
using NasPipeline.SearchSpaces.Encoding;
using NasPipeline.Search.Mutation;
using NasPipeline.Supernet.Export;

namespace NasPipeline.Export;

/// <summary>
/// Every network the pipeline finds, as a runnable ONNX file with its weights. A mutation run's kept network is its
/// stored ONNX (sliced from the submitted model; a blob stored before weights were kept gets its missing ones seeded
/// from the run's seed). A point of a built-in space is its supernet's subnet, with weights inherited from a trained
/// supernet checkpoint or, without one, from the space's supernet freshly seeded (<see cref="SubnetExport"/>).
/// </summary>
/// <param name="prepareTorch">Called once before any supernet is built (loads TorchSharp), and only then.</param>
public sealed class ModelExport(SearchSpaceRegistry spaces, Action prepareTorch)
{
    public ExportedModel Point(ISearchSpace space, IReadOnlyList<int> point, CheckpointSource? checkpoint, long seed)
    {
        var name = CandidateCodec.Encode(space.Name, point);
        prepareTorch();
        try
        {
            var exported = checkpoint is null
                ? SubnetExport.Seeded(space, point, seed)
                : SubnetExport.FromCheckpoint(checkpoint.Bytes, space, point, checkpoint.Name);
            return new ExportedModel(exported.Onnx, $"{name} ({space.Describe(point)})", exported.Weights);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or JsonException)
        {
            throw new ModelExportException($"{checkpoint?.Name} is not a supernet checkpoint written by `nasp supernet train`: {e.Message}");
        }
        catch (ArgumentException e) when (e is InvalidEncodingException || e.ParamName == "checkpoint")
        {
            throw new ModelExportException($"{name}: {e.Message}");
        }
    }

    /// <summary>The network a run found: a mutation run's kept network, or a space run's best front member (by the
    /// submission's first objective) or <paramref name="candidate"/>. A space run without <paramref name="checkpoint"/>
    /// uses the last supernet trained for its space in the run, else the seeded supernet (the run's seed).</summary>
    /// <param name="events">The run's stream, in order.</param>
    public async Task<ExportedModel> RunAsync(
        IReadOnlyList<object> events, Func<string, CancellationToken, Task<byte[]?>> blobs, string? candidate, CheckpointSource? checkpoint,
        CancellationToken cancellationToken = default)
    {
        var submission = events.OfType<ModelSubmitted>().FirstOrDefault() ?? throw new ModelExportException("The run has no submission.");
        var completed = events.OfType<SearchCompleted>().LastOrDefault();
        var unfinished = events.OfType<RunFailed>().Select(f => $"it failed in {f.Stage}: {f.Reason}")
            .Concat(events.OfType<SubmissionRejected>().Select(r => $"it was rejected: {r.Reason}"))
            .FirstOrDefault() ?? "its search has not completed";
        if (submission.Onnx is not null)
        {
            if (candidate is not null || checkpoint is not null)
            {
                throw new ModelExportException("A mutation run keeps one network with the submitted model's weights: --candidate and --checkpoint are for runs of a search space.");
            }

            var hash = completed?.ModelBlobHash ?? throw new ModelExportException($"Run {submission.RunId} has no kept network: {unfinished}.");
            var stored = await blobs(hash, cancellationToken) ?? throw new ModelExportException($"The kept network's blob {hash} is not in the blob store.");
            var seed = events.OfType<SearchStarted>().FirstOrDefault()?.Seed ?? submission.Seed;
            var kept = KeptNetwork.Of(stored, seed);

            // A blob that carries every weight may have had some seeded when the search kept it: the run said which.
            var weights = kept.Weights.Filled == 0 && completed.ModelWeights is { } recorded ? recorded : kept.Weights.Describe();
            return new ExportedModel(kept.Onnx, $"the kept network of mutation run {submission.RunId} ({submission.Onnx.FileName} mutated)", weights);
        }

        var name = candidate ?? Best(submission, completed ?? throw new ModelExportException(
            $"Run {submission.RunId} has no front: {unfinished} (name a point with --candidate)."));
        if (!CandidateCodec.TryDecode(name, out var spaceName, out var genes) || !spaces.TryGet(spaceName, out var space))
        {
            throw new ModelExportException($"'{name}' is not a point of a registered search space (space:g1,g2,...; spaces: {string.Join(", ", spaces.Names)}).");
        }

        checkpoint ??= await TrainedSupernetAsync(events, space.Name, blobs, cancellationToken);
        return Point(space, genes, checkpoint, submission.Seed);
    }

    /// <summary>The front member best in the first objective (fewer MACs, then the name, break ties).</summary>
    private static string Best(ModelSubmitted submission, SearchCompleted completed)
    {
        if (completed.Front.Count == 0)
        {
            throw new ModelExportException($"Run {submission.RunId} completed with an empty front.");
        }

        var objective = submission.Objectives.FirstOrDefault() ?? new Objective(CostNames.Macs, ObjectiveDirection.Minimize);
        var sign = objective.Direction == ObjectiveDirection.Maximize ? -1 : 1;
        return completed.Front
            .OrderBy(m => m.Objectives.TryGetValue(objective.Name, out var value) ? sign * value : double.PositiveInfinity)
            .ThenBy(m => m.Objectives.GetValueOrDefault(CostNames.Macs))
            .ThenBy(m => m.Candidate.Name, StringComparer.Ordinal)
            .First().Candidate.Name;
    }

    private static async Task<CheckpointSource?> TrainedSupernetAsync(
        IReadOnlyList<object> events, string space, Func<string, CancellationToken, Task<byte[]?>> blobs, CancellationToken cancellationToken)
    {
        if (events.OfType<SupernetTrained>().LastOrDefault(t => t.Space == space) is not { } trained)
        {
            return null;
        }

        var bytes = await blobs(trained.CheckpointBlobHash, cancellationToken)
            ?? throw new ModelExportException($"The run's supernet checkpoint {trained.CheckpointBlobHash} is not in the blob store.");
        return new CheckpointSource(bytes, string.Create(CultureInfo.InvariantCulture, $"blob {trained.CheckpointBlobHash[..12]} (the run's {trained.Task} supernet)"));
    }
}
