using Google.Protobuf;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.ComputationGraph.Tests.Fuzz;

/// <summary>
/// Seeded damage that keeps the protobuf valid, so it reaches shape inference: extreme dims and attribute
/// values, swapped op types and inputs, deleted and duplicated nodes.
/// </summary>
public sealed class StructuralMutator(int seed)
{
    private static readonly long[] Extremes = [0, -1, -7, 1, 3, 1L << 31, 1L << 40, long.MaxValue, long.MinValue];

    private readonly Random _random = new(seed);

    internal (string Kind, byte[] Bytes) Mutate(byte[] original)
    {
        var model = ModelProto.Parser.ParseFrom(original);
        var g = model.Graph;
        var kind = _random.Next(6);
        switch (kind)
        {
            case 0 when g.Initializer.Count > 0:
                var t = g.Initializer[_random.Next(g.Initializer.Count)];
                if (t.Dims.Count > 0)
                {
                    t.Dims[_random.Next(t.Dims.Count)] = Pick();
                }

                return ("initializer dim", model.ToByteArray());
            case 1 when g.Input.Count > 0:
                var dims = g.Input[_random.Next(g.Input.Count)].Type?.TensorType?.Shape?.Dim;
                if (dims is { Count: > 0 })
                {
                    dims[_random.Next(dims.Count)].DimValue = Pick();
                }

                return ("input dim", model.ToByteArray());
            case 2 when g.Node.Count > 0:
                var attrs = g.Node[_random.Next(g.Node.Count)].Attribute;
                if (attrs.Count > 0)
                {
                    var a = attrs[_random.Next(attrs.Count)];
                    a.I = Pick();
                    if (a.Ints.Count > 0)
                    {
                        a.Ints[_random.Next(a.Ints.Count)] = Pick();
                    }
                }

                return ("attribute value", model.ToByteArray());
            case 3 when g.Node.Count > 1:
                var (x, y) = (g.Node[_random.Next(g.Node.Count)], g.Node[_random.Next(g.Node.Count)]);
                (x.OpType, y.OpType) = (y.OpType, x.OpType);
                return ("op type swap", model.ToByteArray());
            case 4 when g.Node.Count > 1:
                var (p, q) = (g.Node[_random.Next(g.Node.Count)], g.Node[_random.Next(g.Node.Count)]);
                if (p.Input.Count > 0 && q.Input.Count > 0)
                {
                    var (i, j) = (_random.Next(p.Input.Count), _random.Next(q.Input.Count));
                    (p.Input[i], q.Input[j]) = (q.Input[j], p.Input[i]);
                }

                return ("input swap", model.ToByteArray());
            case 5 when g.Node.Count > 0:
                var victim = _random.Next(g.Node.Count);
                if (_random.Next(2) == 0)
                {
                    g.Node.RemoveAt(victim);
                    return ("node deleted", model.ToByteArray());
                }

                g.Node.Insert(victim, g.Node[victim].Clone());
                return ("node duplicated", model.ToByteArray());
            default:
                return ("unchanged", original);
        }
    }

    private long Pick() => _random.Next(3) == 0 ? _random.Next(-3, 300) : Extremes[_random.Next(Extremes.Length)];
}
