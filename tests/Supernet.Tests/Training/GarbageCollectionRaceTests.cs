using NasPipeline.Supernet.Tests.Fixtures;
using NasPipeline.Supernet.Training;

namespace NasPipeline.Supernet.Tests.Training;

/// <summary>
/// Training and evaluation while a thread forces collections: a temporary TorchSharp Scalar freed mid-call, or a
/// oneDNN convolution on a padded channel count returning NaN (elastic widths are rarely multiples of 16), would
/// show as a non-finite loss or an out-of-range metric. TorchRuntime holds the Scalars and turns oneDNN off.
/// </summary>
public sealed class GarbageCollectionRaceTests
{
    [Fact]
    public void Training_and_evaluation_survive_collections_during_native_calls()
    {
        Torch.Ready();
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
            var task = new QuadrantTask();
            var supernet = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 2);
            var trainer = new SupernetTrainer(supernet, task, new SupernetTrainingOptions(2, 8, 0.05, 1e-4, Seed: 3, GradientProjection: true, StepsPerEpoch: 4));
            var epochs = trainer.Train(new QuadrantData(64, seed: 1));
            Assert.All(epochs, e => Assert.True(double.IsFinite(e.MeanLoss), $"epoch {e.Epoch} loss {e.MeanLoss}"));
            var evaluator = new SubnetEvaluator(task, trainer.Head, batchSize: 32, calibrationBatches: 2);
            var value = evaluator.Evaluate(supernet, TinyHybrid.Space.Sample(new Random(1)), new QuadrantData(64, seed: 2), new QuadrantData(64, seed: 3));
            Assert.InRange(value, 0.0, 1.0);
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }
}
