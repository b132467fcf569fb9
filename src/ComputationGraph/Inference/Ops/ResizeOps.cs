namespace NasPipeline.ComputationGraph.Inference.Ops;

/// <summary>Resampling and spatial rearrangement: Resize, Upsample (every opset), DepthToSpace, SpaceToDepth, GridSample, RoiAlign.</summary>
internal static class ResizeOps
{
    public static void Register(OpRegistry r)
    {
        r.Add("Resize", Resize);
        r.Add("Upsample", c =>
        {
            var scales = c.Opset switch
            {
                // Opset 1 (experimental): an NCHW input scaled by height_scale and width_scale.
                < 7 when c.Has("height_scale") && c.Has("width_scale") => [1, 1, c.Float("height_scale", 1), c.Float("width_scale", 1)],
                < 7 => throw Errors.Invalid(c.Op, "attributes height_scale and width_scale are required before opset 7."),
                < 9 => c.Floats("scales")?.Select(f => (double)f).ToArray() ?? throw Errors.Invalid(c.Op, "attribute scales is required."),
                _ => c.In(1).Values ?? throw Errors.Unresolved(c.Op, "scales are computed at run time."),
            };
            return [c.Out(Scaled(c, c.In(0).Shape, scales, null), c.In(0).ElemType)];
        });
        r.Add("DepthToSpace", c =>
        {
            c.RequireRank(0, 4);
            var (s, b) = (c.In(0).Shape, c.Int("blocksize", 0));
            if (b <= 0 || s[1] % (b * b) != 0)
            {
                throw Errors.Invalid(c.Op, $"blocksize {b} does not divide channels {s[1]}.");
            }

            return [c.Out([s[0], s[1] / (b * b), ShapeMath.Mul(s[2], b), ShapeMath.Mul(s[3], b)], c.In(0).ElemType)];
        });
        r.Add("SpaceToDepth", c =>
        {
            c.RequireRank(0, 4);
            var (s, b) = (c.In(0).Shape, c.Int("blocksize", 0));
            if (b <= 0 || s[2] % b != 0 || s[3] % b != 0)
            {
                throw Errors.Invalid(c.Op, $"blocksize {b} does not divide {ShapeMath.Format(s)}.");
            }

            return [c.Out([s[0], ShapeMath.Mul(s[1], b * b), s[2] / b, s[3] / b], c.In(0).ElemType)];
        });
        r.Add("GridSample", c =>
        {
            c.RequireRank(0, 3);
            c.RequireRank(1, 3);
            var grid = c.In(1).Shape;
            return [c.Out([c.Dim(0, 0), c.Dim(0, 1), .. grid[1..^1]], c.In(0).ElemType)];
        });
        r.Add("RoiAlign", c =>
            [c.Out([c.Dim(1, 0), c.Dim(0, 1), c.Int("output_height", 1), c.Int("output_width", 1)], c.In(0).ElemType)]);
        r.Add("AffineGrid", c =>
        {
            var size = c.RequiredLongs(1, "size");
            return size.Length < 3
                ? throw Errors.Invalid(c.Op, "size needs N, C and spatial dims.")
                : [c.Out([size[0], .. size[2..], size.Length - 2], c.In(0).ElemType)];
        });
    }

    private static TensorInfo[] Resize(NodeContext c)
    {
        var x = c.In(0);
        var scalesInput = c.Opset < 11 ? 1 : 2;
        var scales = c.Input(scalesInput) is { } s && s.ElementCount > 0 ? s : null;
        var sizes = c.Opset >= 11 && c.Input(3) is { } z && z.ElementCount > 0 ? z : null;
        var axes = c.Ints("axes")?.Select(a => ShapeMath.Axis(c.Op, a, x.Rank)).ToArray();
        if (sizes is not null)
        {
            var target = c.RequiredLongs(3, "sizes");
            return [c.Out(Sized(c, x.Shape, target, axes), x.ElemType)];
        }

        if (scales is null)
        {
            throw Errors.Invalid(c.Op, "needs scales or sizes.");
        }

        var values = scales.Values ?? throw Errors.Unresolved(c.Op, "scales are computed at run time.");
        return [c.Out(Scaled(c, x.Shape, values, axes), x.ElemType)];
    }

    private static long[] Scaled(NodeContext c, long[] shape, double[] scales, int[]? axes)
    {
        axes ??= Enumerable.Range(0, shape.Length).ToArray();
        if (scales.Length != axes.Length)
        {
            throw Errors.Invalid(c.Op, $"{scales.Length} scales for input {ShapeMath.Format(shape)}.");
        }

        var result = (long[])shape.Clone();
        for (var i = 0; i < axes.Length; i++)
        {
            var v = Math.Floor(shape[axes[i]] * scales[i] + 1e-9);
            if (!(v >= 0 && v < 9e18))
            {
                throw Errors.Invalid(c.Op, $"scale {scales[i]} gives an invalid size for dim {shape[axes[i]]}.");
            }

            result[axes[i]] = (long)v;
        }

        return result;
    }

    private static long[] Sized(NodeContext c, long[] shape, long[] sizes, int[]? axes)
    {
        axes ??= Enumerable.Range(0, shape.Length).ToArray();
        if (sizes.Length != axes.Length || sizes.Any(v => v < 0))
        {
            throw Errors.Invalid(c.Op, $"sizes [{string.Join(",", sizes)}] do not fit input {ShapeMath.Format(shape)}.");
        }

        var result = (long[])shape.Clone();
        var policy = c.String("keep_aspect_ratio_policy") ?? "stretch";
        if (policy == "stretch")
        {
            for (var i = 0; i < axes.Length; i++)
            {
                result[axes[i]] = sizes[i];
            }

            return result;
        }

        var ratios = axes.Select((a, i) => shape[a] == 0 ? 1.0 : (double)sizes[i] / shape[a]).ToArray();
        var scale = policy == "not_larger" ? ratios.Min() : ratios.Max();
        foreach (var a in axes)
        {
            result[a] = (long)Math.Round(scale * shape[a], MidpointRounding.ToEven);
        }

        return result;
    }
}
