using NasPipeline.TorchRuntime;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>Resize (and Upsample) of the 2 spatial axes of an NCHW tensor: nearest with the asymmetric/floor rule
/// (torch's "nearest"), and bilinear with half-pixel centres or aligned corners. Output sizes come from <c>sizes</c>, or
/// from <c>scales</c>, which then also map the coordinates, as ONNX specifies.</summary>
internal static class ResizeOperator
{
    public static Tensor[] Resize(OperatorCall call)
    {
        var x = call.Input(0);
        if (x.dim() != 4)
        {
            throw call.Refuse($"input of rank {x.dim()}; the interpreter resizes NCHW tensors.");
        }

        if (call.Attribute("axes") is not null || call.Int("antialias", 0) == 1 || call.Int("exclude_outside", 0) == 1)
        {
            throw call.Refuse("axes, antialias and exclude_outside are not supported.");
        }

        var (scalesInput, sizesInput) = call.Node.OpType == "Upsample" || call.Opset < 11 ? (1, -1) : (2, 3);
        long[] size;
        double[]? scales = null;
        if (sizesInput > 0 && call.OptionalInput(sizesInput) is { } sizes && sizes.numel() > 0)
        {
            var all = OperatorCall.Values(sizes);
            size = all.Length == 4 && all[0] == x.shape[0] && all[1] == x.shape[1] ? all[2..] : throw call.Refuse("only the two spatial axes can be resized.");
        }
        else
        {
            var given = call.OptionalInput(scalesInput) is { } s && s.numel() > 0
                ? s.to_type(ScalarType.Float64).OnCpu().data<double>().ToArray()
                : call.Attribute("scales")?.Floats.Select(f => (double)f).ToArray() ?? throw call.Refuse("neither sizes nor scales are given.");
            if (given.Length != 4 || given[0] != 1 || given[1] != 1)
            {
                throw call.Refuse("only the two spatial axes can be scaled.");
            }

            scales = given[2..];
            size = [(long)Math.Floor(x.shape[2] * scales[0]), (long)Math.Floor(x.shape[3] * scales[1])];
        }

        var mode = call.String("mode", "nearest");
        var transform = call.String("coordinate_transformation_mode", call.Opset < 11 ? "asymmetric" : "half_pixel");
        var nearestFloor = call.Opset < 11 || (transform == "asymmetric" && call.String("nearest_mode", "round_prefer_floor") == "floor");
        switch (mode)
        {
            case "nearest" when nearestFloor:
                return [Interpolate(x, size, scales, InterpolationMode.Nearest, null)];
            case "linear" or "bilinear" when transform is "half_pixel" or "pytorch_half_pixel":
                if (transform == "pytorch_half_pixel")
                {
                    // An axis resized to length 1 reads the input's first element there, not the window's centre.
                    for (var axis = 0; axis < 2; axis++)
                    {
                        x = size[axis] == 1 ? x.narrow(axis + 2, 0, 1) : x;
                    }
                }

                return [Interpolate(x, size, scales, InterpolationMode.Bilinear, false)];
            case "linear" or "bilinear" when transform == "align_corners" && scales is not null && scales.Select((f, i) => x.shape[i + 2] * f).Any(l => l != Math.Floor(l)):
                throw call.Refuse("align_corners with scales that give a fractional length (ONNX maps with the unrounded length) is not supported; give sizes.");
            case "linear" or "bilinear" when transform == "align_corners":
                return [nn.functional.interpolate(x, size, mode: InterpolationMode.Bilinear, align_corners: true)];
            default:
                throw call.Refuse($"mode '{mode}' with coordinate_transformation_mode '{transform}' is not supported.");
        }
    }

    private static Tensor Interpolate(Tensor x, long[] size, double[]? scales, InterpolationMode mode, bool? alignCorners) =>
        scales is null || x.shape[2] == 1 || x.shape[3] == 1
            ? nn.functional.interpolate(x, size, mode: mode, align_corners: alignCorners)
            : nn.functional.interpolate(x, scale_factor: scales, mode: mode, align_corners: alignCorners, recompute_scale_factor: false);
}
