using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Registry;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.TorchRuntime;
using NasPipeline.Prediction.Store;

namespace NasPipeline.Tests.Predict;

/// <summary>
/// Training and registering a task's starting predictor without the CLI, against the real blob store and registry:
/// the same training asked for twice registers once, and a registry keyed by task keeps the first registration of a
/// predictor however often, or however concurrently, it is registered again.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class PredictorTrainerTests(PipelineFixture fixture)
{
    private readonly PredictTestKit _kit = new(fixture);

    [Fact]
    public async Task Training_the_same_request_twice_registers_one_predictor_and_returns_it_both_times()
    {
        TorchEnvironment.Initialise(new TorchOptions { Threads = 2, Device = TorchDeviceKind.Cpu });
        var task = $"trainer-{Guid.NewGuid():N}"[..20];
        var request = new PredictorTrainingRequest(task, await _kit.DatasetAsync("points.jsonl", 18, seed: 5), null, Options, Options, ValidationShare: 0.2, Seed: 4, TrainSize: 14);
        var trainer = new PredictorTrainer(fixture.Blobs, _kit.Registry, TimeProvider.System);

        var first = await trainer.TrainAsync(request);
        var second = await trainer.TrainAsync(request);

        Assert.False(first.AlreadyRegistered);
        Assert.Equal((ModelKinds.GnnAdapter, 11, 3, "points.jsonl: label"),
            (first.Registration.Model, first.Registration.SampleCount, first.ValidationCount, first.Registration.TrainedOn));
        Assert.True(second.AlreadyRegistered);
        Assert.Equal(first.Registration.DedupeKey, second.Registration.DedupeKey);
        Assert.Equal(first.Registration.RegisteredAt, second.Registration.RegisteredAt);
        Assert.Equal(first.Registration.RegisteredAt, (await _kit.Registry.FindAsync(task))!.RegisteredAt);
        Assert.Single(await _kit.Registry.ListAsync(), r => r.Id == task);
    }

    [Fact]
    public async Task A_request_too_small_to_train_is_an_argument_error_and_registers_nothing()
    {
        var task = $"trainer-{Guid.NewGuid():N}"[..20];
        var request = new PredictorTrainingRequest(task, await _kit.DatasetAsync("points.jsonl", 18, seed: 5), null, Options, Options, ValidationShare: 0.5, Seed: 4, TrainSize: 2);

        await Assert.ThrowsAsync<ArgumentException>(() => new PredictorTrainer(fixture.Blobs, _kit.Registry, TimeProvider.System).TrainAsync(request));

        Assert.Null(await _kit.Registry.FindAsync(task));
    }

    [Fact]
    public async Task Registering_the_same_weights_again_keeps_the_first_registration_and_other_weights_replace_it()
    {
        var task = $"registry-{Guid.NewGuid():N}"[..20];
        var registered = await _kit.Registry.RegisterAsync(Registration(task, 'a', minutes: 0));

        var again = await _kit.Registry.RegisterAsync(Registration(task, 'a', minutes: 5));
        var other = await _kit.Registry.RegisterAsync(Registration(task, 'b', minutes: 10));

        Assert.Equal(registered.RegisteredAt, again.RegisteredAt);
        Assert.Equal(new string('b', 64), (await _kit.Registry.FindAsync(task))!.WeightsBlobHash);
        Assert.Equal(other.RegisteredAt, (await _kit.Registry.FindAsync(task))!.RegisteredAt);
        Assert.Single(await _kit.Registry.ListAsync(), r => r.Id == task);
    }

    [Fact]
    public async Task Concurrent_first_registrations_of_the_same_weights_all_return_the_one_stored()
    {
        var task = $"registry-{Guid.NewGuid():N}"[..20];

        var registered = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => _kit.Registry.RegisterAsync(Registration(task, 'c', minutes: i)))));

        var stored = (await _kit.Registry.FindAsync(task))!;
        Assert.All(registered, r => Assert.Equal(stored.RegisteredAt, r.RegisteredAt));
    }

    private static GnnTrainingOptions Options => new() { Epochs = 3, Adapters = 2 };

    private static TaskPredictorRegistration Registration(string task, char weights, int minutes) => new()
    {
        Id = task,
        Model = ModelKinds.GnnAdapter,
        WeightsBlobHash = new string(weights, 64),
        TrainedOn = $"test, {minutes} minutes in",
        RegisteredAt = DateTimeOffset.UnixEpoch.AddMinutes(minutes),
    };
}
