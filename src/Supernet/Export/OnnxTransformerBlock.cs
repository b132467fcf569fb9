namespace NasPipeline.Supernet.Export;

/// <summary>
/// <see cref="Elastic.ElasticTransformerBlock"/> in ONNX, op for op: tokens [N, HW, C]; pre-norm windowed multi-head
/// attention (the grid split into rows x cols tiles, global when the map does not divide), the optional switchable
/// scale, residual; pre-norm MLP with gelu, scale, residual; back to the map. The batch axis stays symbolic (-1).
/// </summary>
internal static class OnnxTransformerBlock
{
    public static OnnxMap Write(OnnxLayers l, OnnxMap x, string prefix, int windows, int headSize, string? scaleKey)
    {
        var (c, h, w) = ((long)x.C, (long)x.H, (long)x.W);
        var tokens = l.Transpose(l.Reshape(x.Name, -1, c, h * w), 0, 2, 1);
        var attention = Attend(l, l.LayerNorm(tokens, $"{prefix}.attention_norm"), prefix, x, windows, headSize);
        tokens = l.Writer.Node("Add", [tokens, Scaled(l, attention, $"{prefix}.attention_scale", scaleKey)]);
        var hidden = l.Gelu(l.Linear(l.LayerNorm(tokens, $"{prefix}.mlp_norm"), $"{prefix}.mlp_hidden"));
        var mlp = l.Linear(hidden, $"{prefix}.mlp_output");
        tokens = l.Writer.Node("Add", [tokens, Scaled(l, mlp, $"{prefix}.mlp_scale", scaleKey)]);
        return x with { Name = l.Reshape(l.Transpose(tokens, 0, 2, 1), -1, c, h, w) };
    }

    private static string Attend(OnnxLayers l, string tokens, string prefix, OnnxMap x, int windows, int headSize)
    {
        var (c, h, w) = ((long)x.C, (long)x.H, (long)x.W);
        var (rows, cols) = (Math.Min(windows, h), Math.Min(windows, w));
        if (h % rows != 0 || w % cols != 0)
        {
            rows = cols = 1;
        }

        var (wh, ww) = (h / rows, w / cols);
        var tiled = rows * cols > 1;
        var perWindow = wh * ww;
        var windowed = tiled ? l.Reshape(l.Transpose(l.Reshape(tokens, -1, rows, wh, cols, ww, c), 0, 1, 3, 2, 4, 5), -1, perWindow, c) : tokens;
        var heads = c / headSize;
        string Split(string t, params long[] perm) => l.Transpose(l.Reshape(t, -1, perWindow, heads, headSize), perm);
        var q = Split(l.Linear(windowed, $"{prefix}.query"), 0, 2, 1, 3);
        var kT = Split(l.Linear(windowed, $"{prefix}.key"), 0, 2, 3, 1);
        var v = Split(l.Linear(windowed, $"{prefix}.value"), 0, 2, 1, 3);
        var scores = l.Writer.Node("Mul", [l.Writer.Node("MatMul", [q, kT]), l.Writer.Scalar((float)(1.0 / Math.Sqrt(headSize)))]);
        var weights = l.Writer.Node("Softmax", [scores], ComputationGraph.Writing.OnnxAttribute.Of("axis", -1L));
        var attended = l.Reshape(l.Transpose(l.Writer.Node("MatMul", [weights, v]), 0, 2, 1, 3), -1, perWindow, c);
        var merged = tiled ? l.Reshape(l.Transpose(l.Reshape(attended, -1, rows, cols, wh, ww, c), 0, 1, 3, 2, 4, 5), -1, h * w, c) : attended;
        return l.Linear(merged, $"{prefix}.output");
    }

    private static string Scaled(OnnxLayers l, string branch, string module, string? key) =>
        key is null ? branch : l.Writer.Node("Mul", [branch, l.Weight($"{module}.scale_{key}")]);
}
