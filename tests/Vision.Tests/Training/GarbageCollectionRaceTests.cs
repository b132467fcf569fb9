using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Tests.Training;

/// <summary>
/// Training, evaluation and distillation while a thread forces collections, which churns native memory and runs
/// finalisers mid-call. Two hazards show up here as a non-finite loss or metric: a temporary TorchSharp Scalar freed
/// during the call that reads it (kept out by TorchRuntime's HeldScalars and the IL audit in TorchRuntime.Tests), and
/// libtorch's oneDNN convolutions on padded channel counts returning NaN (this backbone's 24-channel stage; 4 of these
/// 5 cases failed in one run before TorchRuntime turned oneDNN off; see TorchRuntime's OneDnn).
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class GarbageCollectionRaceTests
{
    [Theory]
    [InlineData("classification")]
    [InlineData("segmentation")]
    [InlineData("detection")]
    [InlineData("keypoints")]
    [InlineData("denoising")]
    public void Training_evaluation_and_distillation_survive_collections_during_native_calls(string name)
    {
        TestImages.UseTwoThreads();
        var stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            var task = TaskRegistry.CreateDefault().Get(name);
            var data = task.Prepare(TestImages.Take(48), seed: 1);
            var (backbone, head) = TaskTrainer.CreateModel(task, () => new SmallConvBackbone(width: 8), seed: 1);
            var loss = new TaskTrainer(backbone, head, task, new TrainerOptions(2, 8, 1e-3, 1e-4, Seed: 1)).Train(data);
            var metric = TaskEvaluator.Evaluate(backbone, head, task, data, batchSize: 16);

            using var scope = NewDisposeScope();
            using var batch = data.Batch([0, 1, 2, 3]);
            var prediction = head.call(backbone.Forward(batch.Inputs));
            var distillation = task.DistillationLoss(prediction, rand_like(prediction)).item<float>();

            Assert.True(double.IsFinite(loss) && double.IsFinite(metric) && float.IsFinite(distillation), $"loss {loss}, metric {metric}, distillation {distillation}");
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }
}
