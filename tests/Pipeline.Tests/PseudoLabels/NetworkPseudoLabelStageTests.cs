using NasPipeline.Adaptation.PseudoLabels.Planning;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.PseudoLabels;

/// <summary>The PseudoLabel stage as its own process over RabbitMQ, asked for an ONNX model's label (a submitted network,
/// by its blob hash): it trains the task's shared head over the default space's supernet and labels the model from its
/// own weights; a model the interpreter cannot read fails its run with the reason instead of being redelivered.</summary>
[Collection(PipelineCollection.Name)]
public sealed class NetworkPseudoLabelStageTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_submitted_models_label_comes_from_its_own_weights_and_an_unreadable_model_fails_its_run()
    {
        await StageQueues.PurgeAsync("nasp-pseudo-label");
        await using var bus = await TestBus.StartAsync();
        var model = await fixture.Blobs.PutAsync(await File.ReadAllBytesAsync(RepoPaths.Fixture("small_cnn_28.onnx")), BlobMediaTypes.Onnx);
        var broken = await fixture.Blobs.PutAsync("not an onnx model"u8.ToArray(), BlobMediaTypes.Onnx);
        var good = await RecordRunAsync(model);
        var bad = await RecordRunAsync(broken);

        await using var stage = await StageProcess.StartAsync("Stages.PseudoLabel", fixture.Environment, PseudoLabelRunTests.Budget);
        await bus.PublishAsync(good);
        await bus.PublishAsync(bad);
        await Eventually.TrueAsync(async () => (await EventsAsync(good.RunId)).OfType<PseudoLabelReady>().Any(), TimeSpan.FromSeconds(600),
            $"the model's pseudo-label; output:\n{stage.Output}");
        await Eventually.TrueAsync(async () => (await EventsAsync(bad.RunId)).OfType<RunFailed>().Any(), TimeSpan.FromSeconds(120),
            $"the unreadable model's run failed; output:\n{stage.Output}");

        var events = await EventsAsync(good.RunId);
        var head = Assert.Single(events.OfType<SharedHeadTrained>());
        Assert.Equal(("segmentation", PseudoLabelDecider.DefaultNetworkHeadSpace), (head.Task, head.Space));
        var ready = Assert.Single(events.OfType<PseudoLabelReady>());
        var label = Assert.Single(ready.Labels);
        Assert.Equal(Candidate.Model(model), label.Architecture);
        Assert.InRange(label.Value, 0.0, 1.0);
        Assert.Equal(PseudoLabelDecider.LabelSeed(good.Seed, model, "segmentation"), ready.Seed);
        Assert.Equal((head.HeadBlobHash, head.SupernetBlobHash), (ready.HeadBlobHash, ready.SupernetBlobHash));
        Assert.Empty(events.OfType<RunFailed>());
        Assert.Contains($"pseudo-label of ONNX model {model[..12]} on segmentation", stage.Output, StringComparison.Ordinal);

        var failed = Assert.Single((await EventsAsync(bad.RunId)).OfType<RunFailed>());
        Assert.StartsWith("The network cannot be pseudo-labelled: ", failed.Reason, StringComparison.Ordinal);
    }

    /// <summary>A run as a requester leaves it: the submission of the model, then the request for its segmentation label.</summary>
    private async Task<PseudoLabelRequested> RecordRunAsync(string model)
    {
        var runId = Guid.NewGuid();
        var submitted = new ModelSubmitted(runId, DateTimeOffset.UtcNow, new OnnxModelRef(model, "model.onnx", 1), null, ["1x1x28x28"],
            ["classification", "segmentation"], [new Objective("segmentation", ObjectiveDirection.Maximize)], [], 13);
        var request = new PseudoLabelRequested(runId, Guid.CreateVersion7(), "segmentation", Candidate.Model(model), 13);
        await fixture.Writer.AppendAsync(runId, [submitted, request]);
        return request;
    }

    private async Task<List<IRunMessage>> EventsAsync(Guid runId) =>
        (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).OfType<IRunMessage>().ToList();
}
