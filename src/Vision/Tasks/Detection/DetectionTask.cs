using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Heads;
using NasPipeline.TorchRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Tasks.Detection;

/// <summary>
/// 1-3 garments on a 64x64 canvas; a CenterNet head at stride 4 (class heatmaps, size, offset), focal loss plus
/// L1 size (weight 0.1) and offset terms; mAP@0.5.
/// </summary>
public sealed class DetectionTask(int canvasSize = 64, int stride = 4) : IVisionTask
{
    public const int Classes = 10;
    private const double SizeWeight = 0.1;
    private readonly CanvasComposer _composer = new(canvasSize);

    public string Name => "detection";

    public string MetricName => "map50";

    public bool HigherIsBetter => true;

    public int InputSize => canvasSize;

    public int Stride => stride;

    public TaskRecipe DefaultRecipe => new(Epochs: 10, BatchSize: 32, LearningRate: 2e-3, WeightDecay: 1e-4);

    public TaskData Prepare(ImageSet images, int seed)
    {
        var random = new Random(seed);
        var grid = canvasSize / stride;
        var cells = grid * grid;
        var m = _composer.MaxObjects;
        var inputs = new float[images.Count * canvasSize * canvasSize];
        var heatmaps = new float[images.Count * Classes * cells];
        var sizes = new float[images.Count * 2 * cells];
        var offsets = new float[images.Count * 2 * cells];
        var masks = new float[images.Count * cells];
        var boxes = new float[images.Count * m * 6];
        for (var i = 0; i < images.Count; i++)
        {
            var (canvas, objects) = _composer.Compose(images, i, random);
            canvas.CopyTo(inputs, i * canvasSize * canvasSize);
            CenterNetTargets.Write(objects, Classes, grid, stride,
                heatmaps.AsSpan(i * Classes * cells, Classes * cells), sizes.AsSpan(i * 2 * cells, 2 * cells),
                offsets.AsSpan(i * 2 * cells, 2 * cells), masks.AsSpan(i * cells, cells));
            for (var j = 0; j < objects.Count; j++)
            {
                var b = objects[j].Box;
                new[] { 1f, objects[j].Class, (float)b.X0, (float)b.Y0, (float)b.X1, (float)b.Y1 }.CopyTo(boxes, ((i * m) + j) * 6);
            }
        }

        return new ArrayTaskData(images.Count, canvasSize, inputs,
        [
            new TargetArray("heatmap", [Classes, grid, grid], Floats: heatmaps),
            new TargetArray("size", [2, grid, grid], Floats: sizes),
            new TargetArray("offset", [2, grid, grid], Floats: offsets),
            new TargetArray("mask", [1, grid, grid], Floats: masks),
            new TargetArray("boxes", [m, 6], Floats: boxes),
        ]);
    }

    public nn.Module<Tensor[], Tensor> CreateHead(FeatureSpec features) => new DenseHead(features, Classes + 4, stride, width: 48, targetSize: InputSize);

    public Tensor Loss(Tensor prediction, TaskBatch batch)
    {
        var one = HeldScalars.One;
        var mask = batch.Targets["mask"];
        var objects = mask.sum().clamp_min(one);
        var focal = FocalLoss.CenterNet(prediction.narrow(1, 0, Classes), batch.Targets["heatmap"]);
        var size = prediction.narrow(1, Classes, 2).sub(batch.Targets["size"]).abs().mul(mask).sum().div(objects);
        var offset = prediction.narrow(1, Classes + 2, 2).sub(batch.Targets["offset"]).abs().mul(mask).sum().div(objects);
        using var sizeWeight = SizeWeight.ToScalar();
        return focal.add(offset, one).add(size, sizeWeight);
    }

    public Tensor DistillationLoss(Tensor student, Tensor teacher) =>
        nn.functional.mse_loss(student.narrow(1, 0, Classes).sigmoid(), teacher.detach().narrow(1, 0, Classes).sigmoid())
            .add(nn.functional.l1_loss(student.narrow(1, Classes, 4), teacher.detach().narrow(1, Classes, 4)), HeldScalars.One);

    public ITaskMetric CreateMetric() => new DetectionMetric(new CenterNetDecoder(Classes, stride));
}
