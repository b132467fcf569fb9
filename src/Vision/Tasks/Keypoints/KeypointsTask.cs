using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Heads;
using NasPipeline.Vision.Tasks.Derivation;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Tasks.Keypoints;

/// <summary>
/// Top, bottom, left and right extreme points of the silhouette after a seeded random affine (rotation, scale,
/// shift). The head predicts one heatmap per keypoint, trained as a spatial softmax against a normalised Gaussian
/// around the point; PCK@0.1 normalised by the silhouette's bounding-box diagonal.
/// </summary>
public sealed class KeypointsTask(double maxRotationDegrees = 25, double heatmapSigma = 1.0) : IVisionTask
{
    public string Name => "keypoints";

    public string MetricName => "pck@0.1";

    public bool HigherIsBetter => true;

    public int InputSize => 28;

    public TaskRecipe DefaultRecipe => new(Epochs: 5, BatchSize: 64, LearningRate: 2e-3, WeightDecay: 1e-4);

    public TaskData Prepare(ImageSet images, int seed)
    {
        var (h, w) = (images.Height, images.Width);
        var random = new Random(seed);
        var inputs = new float[images.Count * h * w];
        var heatmaps = new float[images.Count * ExtremePoints.Count * h * w];
        var points = new float[images.Count * ExtremePoints.Count * 2];
        var norms = new float[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            var angle = random.NextUniform(-maxRotationDegrees, maxRotationDegrees) * Math.PI / 180;
            var scale = random.NextUniform(0.8, 1.0);
            var (dx, dy) = (random.NextUniform(-2, 2), random.NextUniform(-2, 2));
            var image = ImageOps.Affine(ImageOps.ToUnit(images, i), h, w, angle, scale, dx, dy);
            image.CopyTo(inputs, i * h * w);
            // An empty silhouette (never seen in Fashion-MNIST) falls back to the centre so targets stay defined.
            var found = ExtremePoints.Find(image, h, w) ?? Enumerable.Repeat(((w - 1) / 2.0, (h - 1) / 2.0), ExtremePoints.Count).ToArray();
            var diagonal = Math.Sqrt(Math.Pow(found[3].X - found[2].X, 2) + Math.Pow(found[1].Y - found[0].Y, 2));
            norms[i] = (float)Math.Max(diagonal, 1);
            for (var k = 0; k < ExtremePoints.Count; k++)
            {
                points[(2 * ((i * ExtremePoints.Count) + k)) + 0] = (float)found[k].X;
                points[(2 * ((i * ExtremePoints.Count) + k)) + 1] = (float)found[k].Y;
                WriteGaussian(heatmaps.AsSpan(((i * ExtremePoints.Count) + k) * h * w, h * w), h, w, found[k].X, found[k].Y);
            }
        }

        return new ArrayTaskData(images.Count, h, inputs,
        [
            new TargetArray("heatmaps", [ExtremePoints.Count, h, w], Floats: heatmaps),
            new TargetArray("points", [ExtremePoints.Count, 2], Floats: points),
            new TargetArray("norm", [], Floats: norms),
        ]);
    }

    public nn.Module<Tensor[], Tensor> CreateHead(FeatureSpec features) => new DenseHead(features, ExtremePoints.Count, targetSize: InputSize);

    /// <summary>Cross-entropy between the target distribution and the spatial softmax of each heatmap.</summary>
    public Tensor Loss(Tensor prediction, TaskBatch batch)
    {
        var logProbabilities = prediction.flatten(2).log_softmax(2);
        return logProbabilities.mul(batch.Targets["heatmaps"].flatten(2)).sum(2).mean().neg();
    }

    public Tensor DistillationLoss(Tensor student, Tensor teacher) =>
        Distillation.SoftmaxKl(student.flatten(2).transpose(1, 2), teacher.flatten(2).transpose(1, 2), 1.0);

    public ITaskMetric CreateMetric() => new KeypointsMetric();

    private void WriteGaussian(Span<float> map, int h, int w, double x, double y)
    {
        var total = 0.0;
        for (var r = 0; r < h; r++)
        {
            for (var c = 0; c < w; c++)
            {
                var value = Math.Exp(-(((c - x) * (c - x)) + ((r - y) * (r - y))) / (2 * heatmapSigma * heatmapSigma));
                map[(r * w) + c] = (float)value;
                total += value;
            }
        }

        for (var i = 0; i < map.Length; i++)
        {
            map[i] = (float)(map[i] / total);
        }
    }
}
