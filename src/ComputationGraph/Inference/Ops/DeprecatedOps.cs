namespace NasPipeline.ComputationGraph.Inference.Ops;

/// <summary>
/// Ops that ONNX removed or renamed but old model zoos still carry: Crop and ImageScaler (experimental ops of opset 1,
/// still read by onnxruntime as contrib ops), Scatter (opset 9; ScatterElements since 11) and Upsample before opset 7
/// (height_scale/width_scale attributes; opsets 7-10 are in <see cref="ResizeOps"/>). Shapes follow onnxruntime's kernels.
/// </summary>
internal static class DeprecatedOps
{
    public static void Register(OpRegistry r)
    {
        r.Add("Crop", Crop);
        r.Add("ImageScaler", ImageScaler);
        r.Add(["Scatter", "ScatterElements"], Scatter);
    }

    /// <summary>border = (left, top, right, bottom); scale = (height, width) starts at (left, top) when given, else the
    /// borders are cut off: [N, C, H - top - bottom, W - left - right].</summary>
    private static TensorInfo[] Crop(NodeContext c)
    {
        c.RequireRank(0, 4);
        var (n, ch, h, w) = (c.Dim(0, 0), c.Dim(0, 1), c.Dim(0, 2), c.Dim(0, 3));
        var border = c.Ints("border") ?? [];
        if (border.Length != 4 || border.Any(b => b < 0))
        {
            throw Errors.Invalid(c.Op, $"border must be four non-negative values (left, top, right, bottom), not [{string.Join(",", border)}].");
        }

        var (left, top, right, bottom) = (border[0], border[1], border[2], border[3]);
        if (c.Ints("scale") is { } scale)
        {
            if (scale.Length != 2 || scale.Any(s => s < 0) || top + scale[0] > h || left + scale[1] > w)
            {
                throw Errors.Invalid(c.Op, $"scale [{string.Join(",", scale)}] from (left {left}, top {top}) does not fit a {h}x{w} input.");
            }

            return [c.Out([n, ch, scale[0], scale[1]], c.In(0).ElemType)];
        }

        if (top + bottom > h || left + right > w)
        {
            throw Errors.Invalid(c.Op, $"borders [{string.Join(",", border)}] are larger than the {h}x{w} input.");
        }

        return [c.Out([n, ch, h - top - bottom, w - left - right], c.In(0).ElemType)];
    }

    /// <summary>y = scale * x + bias[c] on an NCHW input: the shape is kept; the bias has one value per channel.</summary>
    private static TensorInfo[] ImageScaler(NodeContext c)
    {
        c.RequireRank(0, 4);
        if (c.Floats("bias") is { } bias && bias.Length != c.Dim(0, 1))
        {
            throw Errors.Invalid(c.Op, $"{bias.Length} bias values for {c.Dim(0, 1)} channels.");
        }

        return [c.Same(0)];
    }

    /// <summary>The output is the data's shape; indices and updates share one shape of the data's rank.</summary>
    private static TensorInfo[] Scatter(NodeContext c)
    {
        var (data, indices, updates) = (c.In(0), c.In(1), c.In(2));
        ShapeMath.Axis(c.Op, c.Int("axis", 0), data.Rank);
        if (indices.Rank != data.Rank || !indices.Shape.SequenceEqual(updates.Shape))
        {
            throw Errors.Invalid(c.Op, $"indices {ShapeMath.Format(indices.Shape)} and updates {ShapeMath.Format(updates.Shape)} must share one shape of the data's rank ({data.Rank}).");
        }

        return [c.Same(0)];
    }
}
