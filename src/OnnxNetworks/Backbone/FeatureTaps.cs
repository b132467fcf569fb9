namespace NasPipeline.OnnxNetworks.Backbone;

/// <summary>
/// Chooses where task heads read a submitted network, from the shapes of one traced forward pass: walking the values
/// in the order they are computed, a float [N, C, H, W] map is a candidate while the resolution only goes down (so a
/// decoder's upsampled maps and everything after a global pool, flatten or reshape are not); the last candidate at
/// each stride is that stage's output, as FPN reads C2-C5. Strides are w.r.t. the task's images (after
/// <see cref="InputAdaptation"/>), and must be whole numbers.
/// </summary>
public static class FeatureTaps
{
    private static readonly HashSet<string> Flattening = new(StringComparer.Ordinal)
    {
        "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceMax", "ReduceSum", "Flatten", "Reshape", "Gemm", "MatMul", "Transpose",
    };

    /// <param name="taskSize">Side of the task's square images.</param>
    /// <param name="levels">How many of the coarsest strides to keep.</param>
    public static IReadOnlyList<FeatureTap> Choose(IReadOnlyList<TracedValue> trace, string input, int taskSize, int levels = 4)
    {
        var tainted = new HashSet<string>(StringComparer.Ordinal);
        var byStride = new SortedDictionary<int, FeatureTap>();
        var coarsest = 0;
        foreach (var value in trace)
        {
            if (Flattening.Contains(value.OpType) || value.Inputs.Any(tainted.Contains))
            {
                tainted.Add(value.Name);
                continue;
            }

            if (!value.IsFloat || value.Shape.Length != 4 || value.Shape[2] < 1 || taskSize % value.Shape[2] != 0)
            {
                continue;
            }

            var stride = taskSize / (int)value.Shape[2];
            if (stride < coarsest || value.Name == input)
            {
                continue;
            }

            coarsest = stride;
            byStride[stride] = new FeatureTap(value.Name, (int)value.Shape[1], stride);
        }

        return byStride.Count == 0
            ? throw new OnnxNetworkException($"No value of the network is an [N, C, H, W] feature map with a whole stride on {taskSize}x{taskSize} images.")
            : byStride.Values.TakeLast(levels).ToList();
    }
}
