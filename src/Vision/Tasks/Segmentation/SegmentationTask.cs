using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Heads;
using NasPipeline.Vision.Metrics;
using NasPipeline.Vision.Tasks.Derivation;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Tasks.Segmentation;

/// <summary>
/// Per-pixel class of the garment silhouette: 0 = background, 1 + label inside the silhouette (11 classes);
/// mean IoU over the classes present. The images are used as they are, so the seed has no effect.
/// </summary>
public sealed class SegmentationTask : IVisionTask
{
    public const int Classes = 11;

    public string Name => "segmentation";

    public string MetricName => "miou";

    public bool HigherIsBetter => true;

    public int InputSize => 28;

    public TaskRecipe DefaultRecipe => new(Epochs: 5, BatchSize: 64, LearningRate: 2e-3, WeightDecay: 1e-4);

    public TaskData Prepare(ImageSet images, int seed)
    {
        var inputs = images.Pixels.Select(p => p / 255f).ToArray();
        var pixels = images.Height * images.Width;
        var masks = new long[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            masks[i] = Silhouette.IsInside(inputs[i]) ? 1 + images.Labels[i / pixels] : 0;
        }

        return new ArrayTaskData(images.Count, images.Height, inputs, [new TargetArray("mask", [images.Height, images.Width], Longs: masks)]);
    }

    public nn.Module<Tensor[], Tensor> CreateHead(FeatureSpec features) => new DenseHead(features, Classes, targetSize: InputSize);

    public Tensor Loss(Tensor prediction, TaskBatch batch) => nn.functional.cross_entropy(prediction, batch.Targets["mask"]);

    public Tensor DistillationLoss(Tensor student, Tensor teacher) => Distillation.SoftmaxKl(student, teacher, 1.0);

    public ITaskMetric CreateMetric() => new MeanIoU(Classes);
}
