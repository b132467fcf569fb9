using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Heads;
using NasPipeline.Vision.Metrics;
using NasPipeline.Vision.Tasks.Derivation;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Tasks.Denoising;

/// <summary>
/// Additive Gaussian noise (seeded, not clipped, so the noise is exactly Gaussian) on [0, 1] images; the head
/// predicts the clean image; PSNR with peak 1.
/// </summary>
public sealed class DenoisingTask(double sigma = 0.2) : IVisionTask
{
    public string Name => "denoising";

    public string MetricName => "psnr";

    public bool HigherIsBetter => true;

    public int InputSize => 28;

    public TaskRecipe DefaultRecipe => new(Epochs: 5, BatchSize: 64, LearningRate: 2e-3, WeightDecay: 0);

    public TaskData Prepare(ImageSet images, int seed)
    {
        var random = new Random(seed);
        var clean = images.Pixels.Select(p => p / 255f).ToArray();
        var noisy = new float[clean.Length];
        for (var i = 0; i < clean.Length; i++)
        {
            noisy[i] = clean[i] + (float)(sigma * random.NextGaussian());
        }

        return new ArrayTaskData(images.Count, images.Height, noisy, [new TargetArray("clean", [1, images.Height, images.Width], Floats: clean)]);
    }

    public nn.Module<Tensor[], Tensor> CreateHead(FeatureSpec features) => new DenseHead(features, 1, targetSize: InputSize);

    public Tensor Loss(Tensor prediction, TaskBatch batch) => nn.functional.mse_loss(prediction, batch.Targets["clean"]);

    public Tensor DistillationLoss(Tensor student, Tensor teacher) => Distillation.MeanSquared(student, teacher);

    public ITaskMetric CreateMetric() => new PeakSignalToNoiseRatio();
}
