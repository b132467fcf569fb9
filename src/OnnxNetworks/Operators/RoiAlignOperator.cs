using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>RoiAlign (average mode) as ONNX Runtime and torchvision compute it: each output bin averages bilinear
/// samples on a grid (sampling_ratio, or adaptive), with or without the half-pixel offset. Computed on the CPU from the
/// values; it has no gradient.</summary>
internal static class RoiAlignOperator
{
    public static Tensor[] RoiAlign(OperatorCall call)
    {
        if (call.String("mode", "avg") != "avg")
        {
            throw call.Refuse("only mode 'avg' is supported.");
        }

        var x = call.Input(0);
        var (channels, height, width) = ((int)x.shape[1], (int)x.shape[2], (int)x.shape[3]);
        var features = OperatorCall.Floats(x);
        var rois = OperatorCall.Floats(call.Input(1));
        var batchIndices = OperatorCall.Values(call.Input(2));
        var (outH, outW) = ((int)call.Int("output_height", 1), (int)call.Int("output_width", 1));
        var ratio = (int)call.Int("sampling_ratio", 0);
        var scale = call.Float("spatial_scale", 1f);
        var halfPixel = call.String("coordinate_transformation_mode", call.Opset >= 16 ? "half_pixel" : "output_half_pixel") == "half_pixel";
        var offset = halfPixel ? 0.5f : 0f;

        var output = new float[batchIndices.Length * channels * outH * outW];
        for (var r = 0; r < batchIndices.Length; r++)
        {
            var (startW, startH) = ((rois[(r * 4) + 0] * scale) - offset, (rois[(r * 4) + 1] * scale) - offset);
            var (endW, endH) = ((rois[(r * 4) + 2] * scale) - offset, (rois[(r * 4) + 3] * scale) - offset);
            var (roiW, roiH) = (endW - startW, endH - startH);
            if (!halfPixel)
            {
                (roiW, roiH) = (Math.Max(roiW, 1f), Math.Max(roiH, 1f));
            }

            var (binH, binW) = (roiH / outH, roiW / outW);
            var gridH = ratio > 0 ? ratio : (int)Math.Ceiling(roiH / outH);
            var gridW = ratio > 0 ? ratio : (int)Math.Ceiling(roiW / outW);
            var samples = Math.Max(gridH * gridW, 1);
            var image = (int)batchIndices[r];
            for (var c = 0; c < channels; c++)
            {
                var plane = ((image * channels) + c) * height * width;
                for (var ph = 0; ph < outH; ph++)
                {
                    for (var pw = 0; pw < outW; pw++)
                    {
                        var sum = 0f;
                        for (var iy = 0; iy < gridH; iy++)
                        {
                            var y = startH + (ph * binH) + ((iy + 0.5f) * binH / gridH);
                            for (var ix = 0; ix < gridW; ix++)
                            {
                                var xs = startW + (pw * binW) + ((ix + 0.5f) * binW / gridW);
                                sum += Bilinear(features, plane, height, width, y, xs);
                            }
                        }

                        output[((((r * channels) + c) * outH) + ph) * outW + pw] = sum / samples;
                    }
                }
            }
        }

        return [tensor(output, [batchIndices.Length, channels, outH, outW])];
    }

    private static float Bilinear(float[] values, int plane, int height, int width, float y, float x)
    {
        if (y < -1f || y > height || x < -1f || x > width)
        {
            return 0f;
        }

        (y, x) = (Math.Max(y, 0f), Math.Max(x, 0f));
        var (yLow, xLow) = ((int)y, (int)x);
        int yHigh, xHigh;
        if (yLow >= height - 1)
        {
            (yLow, yHigh, y) = (height - 1, height - 1, height - 1);
        }
        else
        {
            yHigh = yLow + 1;
        }

        if (xLow >= width - 1)
        {
            (xLow, xHigh, x) = (width - 1, width - 1, width - 1);
        }
        else
        {
            xHigh = xLow + 1;
        }

        var (ly, lx) = (y - yLow, x - xLow);
        var (hy, hx) = (1 - ly, 1 - lx);
        return (hy * hx * values[plane + (yLow * width) + xLow]) + (hy * lx * values[plane + (yLow * width) + xHigh])
            + (ly * hx * values[plane + (yHigh * width) + xLow]) + (ly * lx * values[plane + (yHigh * width) + xHigh]);
    }
}
