namespace NasPipeline.Predictors.Gnn.Tests.Training;

using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Tests.Support;

/// <summary>
/// Regression for intermittent "toFloat ... Scalar.h" failures: temporary TorchSharp Scalars finalised
/// during the native call that read them. A thread forcing collections makes the race near-certain; the
/// IL audit in TorchRuntime.Tests keeps such Scalars out of the code statically.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class GarbageCollectionRaceTests(PretrainedBase pretrained)
{
    [Fact]
    public void Fit_and_adapter_fit_survive_collections_during_native_calls()
    {
        var task = pretrained.TaskA;
        var samples = task.Train.Take(96).ToArray();
        var labels = task.TrainLabels.Take(96).ToArray();
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
            using var regressor = new GraphRegressor(new GraphRegressorOptions { Seed = 5 });
            regressor.Fit(samples, labels, epochs: 4, batch: 8);
            using var adapters = new KAdapterPredictor(regressor, new KAdapterOptions { AdapterCount = 2 });
            adapters.Fit(samples, labels, epochs: 2, batch: 8);
            Assert.All(adapters.Predict(task.Test), p => Assert.True(double.IsFinite(p)));
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }
}
