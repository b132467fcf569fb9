using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>NonMaxSuppression as ONNX Runtime runs it: per batch and class, boxes scoring above the threshold are taken
/// best first (ties: the lower index), each dropping the remaining boxes it overlaps by more than the IoU threshold,
/// until the class has its maximum. Computed on the CPU from the values; it has no gradient.</summary>
internal static class NonMaxSuppressionOperator
{
    public static Tensor[] NonMaxSuppression(OperatorCall call)
    {
        var boxes = OperatorCall.Floats(call.Input(0));
        var scores = OperatorCall.Floats(call.Input(1));
        var (batches, classes, count) = (call.Input(1).shape[0], call.Input(1).shape[1], call.Input(1).shape[2]);
        var maximum = call.OptionalInput(2) is { } m && m.numel() > 0 ? OperatorCall.Values(m)[0] : 0;
        var iouThreshold = call.OptionalInput(3) is { } i && i.numel() > 0 ? OperatorCall.FloatValue(i) : 0f;
        float? scoreThreshold = call.OptionalInput(4) is { } s && s.numel() > 0 ? OperatorCall.FloatValue(s) : null;
        var centred = call.Int("center_point_box", 0) == 1;

        var selected = new List<long>();
        for (var b = 0; b < batches; b++)
        {
            for (var c = 0; c < classes; c++)
            {
                var candidates = Enumerable.Range(0, (int)count)
                    .Select(n => (Index: n, Score: scores[(((b * classes) + c) * count) + n]))
                    .Where(x => scoreThreshold is not { } t || x.Score > t)
                    .OrderByDescending(x => x.Score).ThenBy(x => x.Index)
                    .ToList();
                var kept = new List<int>();
                foreach (var (index, _) in candidates)
                {
                    if (kept.Count >= maximum)
                    {
                        break;
                    }

                    if (kept.All(k => Iou(Box(boxes, b, count, k, centred), Box(boxes, b, count, index, centred)) <= iouThreshold))
                    {
                        kept.Add(index);
                        selected.AddRange([b, c, index]);
                    }
                }
            }
        }

        return [tensor(selected.ToArray()).reshape(-1, 3)];
    }

    /// <summary>(x1, y1, x2, y2) with x1 &lt;= x2 and y1 &lt;= y2, from corners in either order or from a centre and size.</summary>
    private static (float X1, float Y1, float X2, float Y2) Box(float[] boxes, int batch, long count, int index, bool centred)
    {
        var at = (int)(((batch * count) + index) * 4);
        if (centred)
        {
            var (x, y, w, h) = (boxes[at], boxes[at + 1], boxes[at + 2], boxes[at + 3]);
            return (x - (w / 2), y - (h / 2), x + (w / 2), y + (h / 2));
        }

        var (y1, x1, y2, x2) = (boxes[at], boxes[at + 1], boxes[at + 2], boxes[at + 3]);
        return (Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2));
    }

    private static float Iou((float X1, float Y1, float X2, float Y2) a, (float X1, float Y1, float X2, float Y2) b)
    {
        var areaA = (a.X2 - a.X1) * (a.Y2 - a.Y1);
        var areaB = (b.X2 - b.X1) * (b.Y2 - b.Y1);
        if (areaA <= 0 || areaB <= 0)
        {
            return 0;
        }

        var width = Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1);
        var height = Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1);
        if (width <= 0 || height <= 0)
        {
            return 0;
        }

        var intersection = width * height;
        return intersection / (areaA + areaB - intersection);
    }
}
