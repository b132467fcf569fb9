using NasPipeline.Adaptation.Nat;
using NasPipeline.Adaptation.Planning;
using NasPipeline.Contracts.Blobs;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Training;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.SupernetHosting;

/// <summary>A supernet built from a stored checkpoint or adaptation state, with the optimizer state the latter holds.</summary>
public sealed record Loaded(string Task, SupernetExperiment Experiment, byte[]? Optimizer);

/// <summary>
/// The last supernet the stage built, kept by the blob it came from: consecutive chunks and the measurements of one
/// iteration then skip reading and rebuilding it. Whatever is not in the cache is read from the blob store.
/// </summary>
public sealed class LoadedSupernet(IBlobStore blobs, SearchSpaceRegistry spaces)
{
    private string? _hash;
    private Loaded? _loaded;

    /// <summary>The supernet of the blob, left in the cache (for reading only).</summary>
    public async Task<Loaded> GetAsync(string space, IVisionTask task, string blobHash, CancellationToken cancellationToken)
    {
        var loaded = await TakeAsync(space, task, blobHash, cancellationToken);
        Keep(blobHash, loaded);
        return loaded;
    }

    /// <summary>The supernet of the blob, out of the cache: the caller may change it and give it back with <see cref="Keep"/>.</summary>
    public async Task<Loaded> TakeAsync(string space, IVisionTask task, string blobHash, CancellationToken cancellationToken)
    {
        if (_hash == blobHash && _loaded is { } cached && cached.Task == task.Name)
        {
            (_hash, _loaded) = (null, null);
            return cached;
        }

        var bytes = await blobs.GetAsync(blobHash, cancellationToken)
            ?? throw new AdaptationException($"The supernet blob {blobHash} is not in the blob store.");
        var (supernetBytes, optimizer) = AdaptationCheckpoint.TryRead(bytes, out var state) ? (state.Supernet, state.Optimizer) : (bytes, (byte[]?)null);
        SupernetCheckpoint checkpoint;
        SupernetRecipe recipe;
        try
        {
            checkpoint = SupernetCheckpoint.Load(supernetBytes);
            recipe = SupernetExperiment.RecipeOf(checkpoint);
        }
        catch (InvalidDataException e)
        {
            throw new AdaptationException($"The supernet blob {blobHash} cannot be used: {e.Message}");
        }

        if (checkpoint.SpaceName != space || recipe.Task != task.Name)
        {
            throw new AdaptationException($"The supernet blob {blobHash} is {checkpoint.SpaceName}'s for {recipe.Task}, not {space}'s for {task.Name}.");
        }

        var experiment = new SupernetExperiment(spaces.Get(space), task, recipe);
        experiment.RestoreCheckpoint(checkpoint);
        return new Loaded(task.Name, experiment, optimizer);
    }

    public void Keep(string blobHash, Loaded loaded)
    {
        if (!ReferenceEquals(_loaded, loaded))
        {
            _loaded?.Experiment.Dispose();
        }

        (_hash, _loaded) = (blobHash, loaded);
    }
}
