using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Heads;
using NasPipeline.Vision.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Tasks.Classification;

/// <summary>The ten Fashion-MNIST classes, top-1 accuracy. The images are used as they are, so the seed has no effect.</summary>
public sealed class ClassificationTask(double distillationTemperature = 4.0) : IVisionTask, ITemperedDistillation, IReadsNetworkOutput
{
    public const int Classes = 10;

    public string Name => "classification";

    public string MetricName => "top1";

    public bool HigherIsBetter => true;

    public int InputSize => 28;

    public TaskRecipe DefaultRecipe => new(Epochs: 5, BatchSize: 128, LearningRate: 2e-3, WeightDecay: 1e-4);

    public TaskData Prepare(ImageSet images, int seed)
    {
        var inputs = images.Pixels.Select(p => p / 255f).ToArray();
        var labels = images.Labels.Select(l => (long)l).ToArray();
        return new ArrayTaskData(images.Count, images.Height, inputs, [new TargetArray("label", [], Longs: labels)]);
    }

    public nn.Module<Tensor[], Tensor> CreateHead(FeatureSpec features) => new PooledLinearHead(features, Classes);

    public Tensor Loss(Tensor prediction, TaskBatch batch) => nn.functional.cross_entropy(prediction, batch.Targets["label"]);

    public Tensor DistillationLoss(Tensor student, Tensor teacher) => Distillation.SoftmaxKl(student, teacher, distillationTemperature);

    public Tensor DistillationLoss(Tensor student, Tensor teacher, double temperature) => Distillation.SoftmaxKl(student, teacher, temperature);

    public ITaskMetric CreateMetric() => new Top1Accuracy();

    /// <summary>Logits over the ten classes (read as logits: an output that is already a softmax is not recognised).</summary>
    public bool ReadsOutput(IReadOnlyList<long> outputShape) => outputShape.Count == 2 && outputShape[1] == Classes;
}
