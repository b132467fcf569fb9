using NasPipeline.ComputationGraph.Inference;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.ComputationGraph.Costs;

/// <summary>
/// Weight tensors by identity (initializer or Constant node, so Loop bodies walked many times count once), and
/// the running total of elements charged to nodes.
/// </summary>
internal sealed class ParamLedger
{
    private readonly Dictionary<object, WeightSource> _sources = new(ReferenceEqualityComparer.Instance);

    public long Charged { get; private set; }

    public WeightSource Source(object key, string name, long elements)
    {
        if (!_sources.TryGetValue(key, out var w))
        {
            w = new WeightSource(name, elements);
            _sources[key] = w;
        }

        return w;
    }

    /// <summary>
    /// A Constant holds a weight (float, or int8/int32 in quantized exports) unless it is a scalar or int64/bool,
    /// which exporters use for shapes, indices and masks.
    /// </summary>
    public WeightSource? ForConstant(NodeProto node, TensorInfo output) =>
        output.ElementCount > 1 && output.ElemType is not (DataTypes.Int64 or DataTypes.Bool or DataTypes.String or DataTypes.Undefined)
            ? Source(node, node.Output[0], output.ElementCount)
            : null;

    public void Charge(IEnumerable<WeightSource> weights)
    {
        foreach (var w in weights.Where(w => !w.Charged))
        {
            w.Charged = true;
            Charged = ShapeMath.Add(Charged, w.Elements);
        }
    }
}
