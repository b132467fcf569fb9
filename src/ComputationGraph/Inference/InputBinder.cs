using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.ComputationGraph.Inference;

/// <summary>
/// Gives every graph input (those without an initializer) concrete dims: its own fixed dims, a user shape
/// (by name, else in order), or symbols bound by another input's user shape.
/// </summary>
internal static class InputBinder
{
    public static InputBinding Bind(GraphProto graph, ExtractionOptions options)
    {
        var initialized = graph.Initializer.Select(t => t.Name).Concat(graph.SparseInitializer.Select(s => s.Values?.Name ?? "")).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initialized.Contains(i.Name)).ToList();
        var given = Assign(inputs, options.InputShapes ?? []);
        var symbols = new Dictionary<string, long>(StringComparer.Ordinal);
        var declared = inputs.Select(Declared).ToList();

        for (var i = 0; i < inputs.Count; i++)
        {
            if (given[i] is not { } user)
            {
                continue;
            }

            var dims = declared[i].Dims;
            if (dims is not null && dims.Length != user.Length)
            {
                throw Mismatch(inputs[i].Name, $"has rank {dims.Length} ({Describe(dims)}) but the given shape {ShapeMath.Format(user)} has rank {user.Length}.");
            }

            for (var d = 0; dims is not null && d < dims.Length; d++)
            {
                switch (dims[d])
                {
                    case { Value: { } v } when v != user[d]:
                        throw Mismatch(inputs[i].Name, $"has fixed dim {d} = {v} ({Describe(dims)}) but the given shape {ShapeMath.Format(user)} says {user[d]}.");
                    case { Symbol: { Length: > 0 } s }:
                        symbols.TryAdd(s, user[d]);
                        break;
                }
            }
        }

        var result = new List<(string, TensorInfo)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (elemType, dims) = declared[i];
            var shape = given[i] ?? Resolve(inputs[i].Name, dims, symbols, options);
            if (ShapeMath.Product(shape) > options.MaxElementsPerTensor)
            {
                throw Errors.TooLarge($"Input '{inputs[i].Name}' {ShapeMath.Format(shape)} has more elements than ExtractionOptions.MaxElementsPerTensor ({options.MaxElementsPerTensor}).");
            }

            result.Add((inputs[i].Name, new TensorInfo(shape, elemType)));
            for (var d = 0; dims is not null && d < dims.Length; d++)
            {
                if (dims[d].Symbol is { Length: > 0 } s)
                {
                    symbols.TryAdd(s, shape[d]);
                }
            }
        }

        return new InputBinding(result, symbols);
    }

    private static long[]?[] Assign(List<ValueInfoProto> inputs, IReadOnlyList<InputShape> shapes)
    {
        var given = new long[]?[inputs.Count];
        foreach (var s in shapes.Where(s => s.Name is not null))
        {
            var i = inputs.FindIndex(v => v.Name == s.Name);
            if (i < 0)
            {
                throw new GraphExtractionException(ErrorKind.InvalidInputShape,
                    $"A shape was given for input '{s.Name}', but the model's inputs are: {string.Join(", ", inputs.Select(v => $"'{v.Name}'"))}.");
            }

            given[i] = [.. s.Dims];
        }

        var next = 0;
        foreach (var s in shapes.Where(s => s.Name is null))
        {
            while (next < inputs.Count && given[next] is not null)
            {
                next++;
            }

            if (next == inputs.Count)
            {
                throw new GraphExtractionException(ErrorKind.InvalidInputShape,
                    $"{shapes.Count} input shapes were given but the model has only {inputs.Count} inputs.");
            }

            given[next++] = [.. s.Dims];
        }

        return given;
    }

    private static (int ElemType, Dim[]? Dims) Declared(ValueInfoProto input)
    {
        var type = input.Type;
        if (type is null || type.ValueCase == TypeProto.ValueOneofCase.None)
        {
            return (DataTypes.Float, null);
        }

        if (type.ValueCase != TypeProto.ValueOneofCase.TensorType)
        {
            throw new GraphExtractionException(ErrorKind.UnsupportedOp,
                $"Input '{input.Name}' is a {type.ValueCase}; only tensor inputs are supported.");
        }

        var shape = type.TensorType.Shape;
        var dims = shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue >= 0
            ? new Dim(d.DimValue, null)
            : new Dim(null, d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? d.DimParam : "")).ToArray();
        return (type.TensorType.ElemType, dims);
    }

    private static long[] Resolve(string name, Dim[]? dims, Dictionary<string, long> symbols, ExtractionOptions options)
    {
        var shape = dims?.Select(d => d.Value ?? (d.Symbol is { Length: > 0 } s && symbols.TryGetValue(s, out var v) ? v : -1)).ToArray();
        // A batch of one, and only when it is the last unknown: a notice followed by an error would only confuse.
        if (options.SymbolicBatchAsOne && shape is [< 0, ..] && shape.Skip(1).All(d => d >= 0))
        {
            shape[0] = 1;
            var symbol = dims![0].Symbol;
            if (symbol is { Length: > 0 })
            {
                symbols[symbol] = 1;
            }

            options.Notice?.Invoke($"input '{name}' has a symbolic batch dimension{(symbol is { Length: > 0 } ? $" '{symbol}'" : "")}; using 1.");
        }

        if (shape is null || shape.Any(d => d < 0))
        {
            // Suggest the declared dims with each unknown one set to 1, the likeliest fix (a batch of one).
            var example = dims is null ? "1x3x224x224" : string.Join('x', dims.Select(d => d.Value ?? 1));
            throw new GraphExtractionException(ErrorKind.MissingInputShape,
                $"Input '{name}' has {Unknown(dims, shape, options)}; give its shape as an input shape, e.g. --input {name}={example}.");
        }

        return shape;
    }

    private static string Unknown(Dim[]? dims, long[]? shape, ExtractionOptions options)
    {
        if (dims is null)
        {
            return "no declared shape";
        }

        if (!options.SymbolicBatchAsOne)
        {
            return $"symbolic dims {Describe(dims)}";
        }

        var others = dims.Select((d, i) => (d, i)).Where(x => x.i > 0 && shape![x.i] < 0).Select(x => x.d.Symbol is { Length: > 0 } s ? $"'{s}'" : "an unnamed one");
        return $"symbolic dims {Describe(dims)}, and only a leading batch dim is taken as 1 by itself, not {string.Join(", ", others)}";
    }

    private static GraphExtractionException Mismatch(string name, string detail) =>
        new(ErrorKind.InvalidInputShape, $"Input '{name}' {detail}");

    private static string Describe(Dim[] dims) =>
        "[" + string.Join(",", dims.Select(d => d.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (d.Symbol is { Length: > 0 } s ? s : "?"))) + "]";

    private sealed record Dim(long? Value, string? Symbol);
}

/// <summary>Concrete graph inputs and the values their symbolic dims took (for declared shapes elsewhere).</summary>
internal sealed record InputBinding(IReadOnlyList<(string Name, TensorInfo Info)> Inputs, IReadOnlyDictionary<string, long> Symbols);
