using NasPipeline.Adaptation.Nat;
using NasPipeline.Adaptation.Networks;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;

namespace NasPipeline.Bench.Training;

/// <summary>A network fine-tuned from its own weights as the Adapt stage does by default (batch 128, AdamW 1e-3, decay
/// 4e-5, <paramref name="epochs"/> over the training split), optionally distilling from a teacher.</summary>
public static class AdaptStageFineTune
{
    private const int Batch = 128;

    public static void Train(TrainableNetwork network, IVisionTask task, TaskData train, int epochs, int seed, FineTuneTeacher? teacher = null)
    {
        var steps = epochs * (train.Count / Batch);
        using var tune = new NetworkFineTune(network, task, new AdaptationSchedule(steps, Batch, 1e-3, 4e-5, seed), teacher);
        tune.Train(train, 0, steps);
    }
}
