using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>Operators that move, select or describe values rather than compute them, including the
/// Constant/Shape/Gather/Unsqueeze/Slice/Concat chains that exporters write for dynamic reshapes.</summary>
internal static class ShapeOperators
{
    public static Tensor[] Identity(OperatorCall call) => [call.Input(0).alias()];

    public static Tensor[] Dropout(OperatorCall call)
    {
        if (call.Node.Output.Count > 1 && call.Node.Output[1].Length > 0)
        {
            throw call.Refuse("the mask output is not supported.");
        }

        if (call.OptionalInput(2) is { } mode && mode.to_type(ScalarType.Bool).item<bool>())
        {
            throw call.Refuse("training_mode = true: the file's random masks cannot be reproduced; train the network instead (its train mode drops out).");
        }

        var ratio = call.Opset >= 12
            ? call.OptionalInput(1) is { } r ? OperatorCall.FloatValue(r) : 0.5f
            : call.Float("ratio", 0.5f);
        return [call.Training ? nn.functional.dropout(call.Input(0), ratio, training: true) : call.Input(0).alias()];
    }

    public static Tensor[] Flatten(OperatorCall call)
    {
        var x = call.Input(0);
        var axis = call.Int("axis", 1);
        var at = (int)(axis < 0 ? axis + x.dim() : axis);
        var rows = x.shape[..at].Aggregate(1L, (p, d) => p * d);
        return [x.reshape(rows, -1)];
    }

    public static Tensor[] Reshape(OperatorCall call)
    {
        var x = call.Input(0);
        var shape = OperatorCall.Values(call.Input(1));
        if (call.Int("allowzero", 0) == 0)
        {
            for (var i = 0; i < shape.Length; i++)
            {
                shape[i] = shape[i] == 0 ? x.shape[i] : shape[i];
            }
        }

        return [x.reshape(shape)];
    }

    public static Tensor[] Transpose(OperatorCall call)
    {
        var x = call.Input(0);
        var perm = call.Ints("perm") ?? Enumerable.Range(0, (int)x.dim()).Reverse().Select(i => (long)i).ToArray();
        return [x.permute(perm)];
    }

    public static Tensor[] Concat(OperatorCall call)
    {
        var parts = call.Inputs.ToList();
        var type = parts.Any(p => p.is_floating_point()) ? ScalarType.Float32 : parts[0].dtype;
        return [cat(parts.Select(p => p.dtype == type ? p : p.to_type(type)).ToList(), call.Int("axis", 0))];
    }

    public static Tensor[] Constant(OperatorCall call)
    {
        var attribute = call.Node.Attribute.FirstOrDefault() ?? throw call.Refuse("no value attribute.");
        return attribute.Name switch
        {
            "value" => [TensorProtoConversion.ToTensor(attribute.T, $"Constant '{call.Name}'")],
            "value_float" => [tensor(attribute.F)],
            "value_floats" => [tensor(attribute.Floats.ToArray())],
            "value_int" => [tensor(attribute.I)],
            "value_ints" => [tensor(attribute.Ints.ToArray())],
            _ => throw call.Refuse($"a Constant given by '{attribute.Name}' is not supported."),
        };
    }

    public static Tensor[] ConstantOfShape(OperatorCall call)
    {
        var shape = OperatorCall.Values(call.Input(0));
        var value = call.Attribute("value") is { } a ? TensorProtoConversion.ToTensor(a.T, $"ConstantOfShape '{call.Name}'") : tensor(0f);
        return [shape.Length == 0 ? value.reshape(Array.Empty<long>()).clone() : value.reshape(1).expand(shape).contiguous()];
    }

    public static Tensor[] Shape(OperatorCall call)
    {
        var dims = call.Input(0).shape;
        var start = Clamp(call.Int("start", 0), dims.Length);
        var end = Clamp(call.Int("end", dims.Length), dims.Length);
        return [tensor(dims[(int)start..(int)Math.Max(start, end)])];
    }

    public static Tensor[] Cast(OperatorCall call)
    {
        var to = call.Int("to", 1);
        var x = call.Input(0);

        // Half precision is emulated: rounded to its precision, carried as float32 like every other float.
        return to switch
        {
            TensorProtoConversion.Float16 => [x.to_type(ScalarType.Float16).to_type(ScalarType.Float32)],
            TensorProtoConversion.BFloat16 => [x.to_type(ScalarType.BFloat16).to_type(ScalarType.Float32)],
            _ => [x.to_type(TensorProtoConversion.ScalarTypeOf(to, call.Name))],
        };
    }

    public static Tensor[] Gather(OperatorCall call)
    {
        var (x, indices) = (call.Input(0), call.Input(1).to_type(ScalarType.Int64));
        var axis = call.Int("axis", 0);
        var at = (int)(axis < 0 ? axis + x.dim() : axis);
        var size = x.shape[at];
        using var zero = 0L.ToScalar();
        using var length = size.ToScalar();
        var wrapped = where(indices.lt(zero), indices.add(length, NasPipeline.TorchRuntime.HeldScalars.One), indices);
        var picked = x.index_select(at, wrapped.flatten());
        var shape = x.shape[..at].Concat(indices.shape).Concat(x.shape[(at + 1)..]).ToArray();
        return [picked.reshape(shape)];
    }

    public static Tensor[] Unsqueeze(OperatorCall call)
    {
        var x = call.Input(0);
        var axes = (call.Opset >= 13 ? call.IntsFromInputOrAttribute(1, "axes") : call.Ints("axes")) ?? throw call.Refuse("axes are required.");
        var rank = x.dim() + axes.Length;
        foreach (var axis in axes.Select(a => a < 0 ? a + rank : a).Order())
        {
            x = x.unsqueeze(axis);
        }

        return [x];
    }

    public static Tensor[] Squeeze(OperatorCall call)
    {
        var x = call.Input(0);
        var axes = call.Opset >= 13 ? call.IntsFromInputOrAttribute(1, "axes") : call.Ints("axes");
        if (axes is null)
        {
            return [x.squeeze()];
        }

        foreach (var axis in axes.Select(a => a < 0 ? a + x.dim() : a).OrderDescending())
        {
            x = x.squeeze(axis);
        }

        return [x];
    }

    public static Tensor[] Slice(OperatorCall call)
    {
        var x = call.Input(0);
        var starts = call.Opset >= 10 ? OperatorCall.Values(call.Input(1)) : call.Ints("starts") ?? throw call.Refuse("starts are required.");
        var ends = call.Opset >= 10 ? OperatorCall.Values(call.Input(2)) : call.Ints("ends") ?? throw call.Refuse("ends are required.");
        var axes = (call.Opset >= 10 ? call.IntsFromInputOrAttribute(3, "axes") : call.Ints("axes"))
            ?? Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        var steps = call.Opset >= 10 && call.OptionalInput(4) is { } s ? OperatorCall.Values(s) : Enumerable.Repeat(1L, starts.Length).ToArray();
        for (var i = 0; i < axes.Length; i++)
        {
            var axis = axes[i] < 0 ? axes[i] + x.dim() : axes[i];
            var size = x.shape[axis];
            var step = steps[i] != 0 ? steps[i] : throw call.Refuse("a step of 0.");
            var start = starts[i] < 0 ? starts[i] + size : starts[i];
            var end = ends[i] < 0 && ends[i] > long.MinValue / 2 ? ends[i] + size : ends[i];
            if (step > 0)
            {
                start = Math.Clamp(start, 0, size);
                end = Math.Clamp(end, 0, size);
                x = x.slice(axis, start, Math.Max(start, end), step);
            }
            else
            {
                start = Math.Clamp(start, 0, size - 1);
                end = Math.Clamp(end, -1, size - 1);
                var picked = new List<long>();
                for (var at = start; at > end; at += step)
                {
                    picked.Add(at);
                }

                x = x.index_select(axis, tensor(picked.ToArray()));
            }
        }

        return [x];
    }

    public static Tensor[] Split(OperatorCall call)
    {
        var x = call.Input(0);
        var axis = call.Int("axis", 0);
        var at = axis < 0 ? axis + x.dim() : axis;
        var outputs = call.Node.Output.Count;
        var sizes = (call.Opset >= 13 ? call.IntsFromInputOrAttribute(1, "split") : call.Ints("split"))
            ?? EqualParts(x.shape[at], call.Int("num_outputs", outputs));
        return x.split(sizes, at);
    }

    public static Tensor[] Expand(OperatorCall call)
    {
        var x = call.Input(0);
        var shape = OperatorCall.Values(call.Input(1));
        var rank = Math.Max(shape.Length, (int)x.dim());
        var target = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var fromShape = i - (rank - shape.Length) is var s && s >= 0 ? shape[s] : 1;
            var fromInput = i - (rank - (int)x.dim()) is var t && t >= 0 ? x.shape[t] : 1;
            target[i] = fromShape == 1 ? fromInput : fromShape;
        }

        return [x.expand(target)];
    }

    public static Tensor[] Tile(OperatorCall call) => [call.Input(0).repeat(OperatorCall.Values(call.Input(1)))];

    public static Tensor[] Range(OperatorCall call)
    {
        var (start, limit, delta) = (call.Input(0), call.Input(1), call.Input(2));
        if (start.is_floating_point())
        {
            using var a = ((double)OperatorCall.FloatValue(start)).ToScalar();
            using var b = ((double)OperatorCall.FloatValue(limit)).ToScalar();
            using var c = ((double)OperatorCall.FloatValue(delta)).ToScalar();
            return [arange(a, b, c, ScalarType.Float32)];
        }

        using var from = OperatorCall.Values(start)[0].ToScalar();
        using var to = OperatorCall.Values(limit)[0].ToScalar();
        using var by = OperatorCall.Values(delta)[0].ToScalar();
        return [arange(from, to, by, start.dtype)];
    }

    public static Tensor[] Pad(OperatorCall call)
    {
        var x = call.Input(0);
        var pads = (call.Opset >= 11 ? call.IntsFromInputOrAttribute(1, "pads") : call.Ints("pads")) ?? throw call.Refuse("pads are required.");
        var value = call.Opset >= 11 ? call.OptionalInput(2) is { } v ? OperatorCall.FloatValue(v) : 0f : call.Float("value", 0f);
        if (call.OptionalInput(3) is not null)
        {
            throw call.Refuse("the axes input is not supported.");
        }

        var rank = (int)x.dim();
        var torchPads = new long[2 * rank];
        for (var i = 0; i < rank; i++)
        {
            var axis = rank - 1 - i;
            torchPads[2 * i] = pads[axis];
            torchPads[(2 * i) + 1] = pads[axis + rank];
        }

        // torch pads only the trailing axes it is given pairs for: drop the leading zero pairs.
        var used = torchPads.Length;
        while (used > 2 && torchPads[used - 1] == 0 && torchPads[used - 2] == 0)
        {
            used -= 2;
        }

        var mode = call.String("mode", "constant") switch
        {
            "constant" => PaddingModes.Constant,
            "reflect" => PaddingModes.Reflect,
            "edge" => PaddingModes.Replicate,
            var other => throw call.Refuse($"mode '{other}' is not supported."),
        };
        return [nn.functional.pad(x, torchPads[..used], mode, value)];
    }

    private static long[] EqualParts(long size, long parts)
    {
        var each = (size + parts - 1) / parts;
        return Enumerable.Range(0, (int)parts).Select(i => Math.Min(each, size - (i * each))).ToArray();
    }

    private static long Clamp(long index, int rank) => Math.Clamp(index < 0 ? index + rank : index, 0, rank);
}
