using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Heads;
using NasPipeline.Vision.Metrics;
using NasPipeline.Vision.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace RotationTaskPlugin;

/// <summary>
/// A toy task from outside the pipeline: which quarter turn (0, 90, 180 or 270 degrees clockwise) was applied to a
/// Fashion-MNIST image, top-1 accuracy. The seed draws each image's turn, so a split derives the same way every time.
/// </summary>
public sealed class RotationTask : IVisionTask
{
    public const int Turns = 4;

    public string Name => "rotation";

    public string MetricName => "top1";

    public bool HigherIsBetter => true;

    public int InputSize => 28;

    public TaskRecipe DefaultRecipe => new(Epochs: 3, BatchSize: 32, LearningRate: 3e-3, WeightDecay: 0);

    public TaskData Prepare(ImageSet images, int seed)
    {
        if (images.Height != images.Width)
        {
            throw new ArgumentException($"Quarter turns need square images, not {images.Height}x{images.Width}.", nameof(images));
        }

        var random = new Random(seed);
        var pixels = images.Height * images.Width;
        var inputs = new float[images.Count * pixels];
        var turns = new long[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            turns[i] = random.Next(Turns);
            Turn(images.Pixels.AsSpan(i * pixels, pixels), inputs.AsSpan(i * pixels, pixels), images.Height, (int)turns[i]);
        }

        return new ArrayTaskData(images.Count, images.Height, inputs, [new TargetArray("label", [], Longs: turns)]);
    }

    /// <summary><paramref name="source"/> (row-major, <paramref name="size"/> square) turned clockwise
    /// <paramref name="quarterTurns"/> times into <paramref name="target"/>, scaled to [0, 1].</summary>
    public static void Turn(ReadOnlySpan<byte> source, Span<float> target, int size, int quarterTurns)
    {
        var last = size - 1;
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                var (fromRow, fromColumn) = (quarterTurns % Turns) switch
                {
                    0 => (row, column),
                    1 => (last - column, row),
                    2 => (last - row, last - column),
                    _ => (column, last - row),
                };
                target[(row * size) + column] = source[(fromRow * size) + fromColumn] / 255f;
            }
        }
    }

    public nn.Module<Tensor[], Tensor> CreateHead(FeatureSpec features) => new PooledLinearHead(features, Turns);

    public Tensor Loss(Tensor prediction, TaskBatch batch) => nn.functional.cross_entropy(prediction, batch.Targets["label"]);

    public Tensor DistillationLoss(Tensor student, Tensor teacher) => Distillation.SoftmaxKl(student, teacher, temperature: 4.0);

    public ITaskMetric CreateMetric() => new Top1Accuracy();
}
