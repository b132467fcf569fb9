using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Logging;
using NasPipeline.Adaptation.Planning;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Hosting;
using NasPipeline.Hosting.EventStore;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.SupernetHosting;

/// <summary>
/// The supernet a run starts from when it recorded none, as NAT starts from a supernet trained beforehand: the space's
/// supernet trained on the task with the default recipe (sandwich rule, <see cref="SupernetRecipe"/>) on
/// <see cref="DefaultSupernetSettings.TrainImages"/> images, on first use; stored in the blob store and found again by
/// space, task and recipe. An advisory lock makes replicas that need it at once train it once.
/// </summary>
public sealed class DefaultSupernets(
    IDocumentStore store, IBlobStore blobs, TaskDataCache data, PipelineSettings pipeline, ILogger<DefaultSupernets> log)
{
    public async Task<SupernetBase> GetAsync(ISearchSpace space, IVisionTask task, DefaultSupernetSettings settings, CancellationToken cancellationToken)
    {
        var recipe = new SupernetRecipe(space.Name, task.Name, Epochs: settings.Epochs, TrainImages: settings.TrainImages);
        var recipeText = JsonSerializer.Serialize(recipe);
        var id = $"default/{space.Name}/{task.Name}/{Contracts.Model.ContentHash.Of(System.Text.Encoding.UTF8.GetBytes(recipeText))[..16]}";
        if (await FindAsync(id, cancellationToken) is not { } found)
        {
            await using var held = await PostgresAdvisoryLock.AcquireAsync(pipeline.PostgresConnectionString, $"{pipeline.Schema}/{id}", cancellationToken);
            found = await FindAsync(id, cancellationToken) ?? await TrainAsync(id, recipe, recipeText, space, task, settings, cancellationToken);
        }

        return new SupernetBase(found.CheckpointBlobHash, $"the stage's default supernet ({recipe.Epochs} epoch(s) on {recipe.TrainImages} images, seed {recipe.Seed})");
    }

    private async Task<StoredSupernet?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<StoredSupernet>(id, cancellationToken);
    }

    private async Task<StoredSupernet> TrainAsync(
        string id, SupernetRecipe recipe, string recipeText, ISearchSpace space, IVisionTask task, DefaultSupernetSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var train = data.Get(task, settings.Data, recipe.TrainImages, settings.EvaluationImages).Train;
        var steps = recipe.Epochs * (recipe.TrainImages / recipe.BatchSize);
        log.LogInformation("Default supernet: training the {Space} supernet on {Task}, {Steps} sandwich steps on {Images} images; it is stored and reused afterwards",
            space.Name, task.Name, steps, recipe.TrainImages);
        var progress = new Progress<Supernet.Training.SupernetStepReport>(r =>
        {
            if ((r.Step + 1) % 20 == 0)
            {
                log.LogInformation("Default supernet: step {Step}/{Steps}, loss {Loss}", r.Step + 1 + (r.Epoch * (steps / recipe.Epochs)), steps, r.Loss.ToString("F3", CultureInfo.InvariantCulture));
            }
        });
        var checkpoint = await Task.Run(() =>
        {
            using var experiment = new SupernetExperiment(space, task, recipe, progress);
            experiment.Train(train, cancellation: cancellationToken);
            return experiment.SaveCheckpoint();
        }, cancellationToken);
        var stored = new StoredSupernet
        {
            Id = id,
            CheckpointBlobHash = await blobs.PutAsync(checkpoint, BlobMediaTypes.Supernet, cancellationToken),
            Recipe = recipeText,
            Seconds = clock.Elapsed.TotalSeconds,
            TrainedAt = DateTimeOffset.UtcNow,
        };
        await using var session = store.LightweightSession();
        session.Store(stored);
        await session.SaveChangesAsync(cancellationToken);
        log.LogInformation("Default supernet: stored blob {Blob} after {Seconds} s", stored.CheckpointBlobHash[..12], stored.Seconds.ToString("F1", CultureInfo.InvariantCulture));
        return stored;
    }
}
