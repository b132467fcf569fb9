using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>The ONNX operators (default domain) the interpreter runs, by op type.</summary>
internal static class OperatorTable
{
    private static readonly Dictionary<string, Operator> Table = new(StringComparer.Ordinal)
    {
        ["Conv"] = ConvolutionOperators.Conv,
        ["ConvTranspose"] = ConvolutionOperators.ConvTranspose,
        ["BatchNormalization"] = NormalizationOperators.BatchNormalization,
        ["LayerNormalization"] = NormalizationOperators.LayerNormalization,
        ["Relu"] = ActivationOperators.Relu,
        ["LeakyRelu"] = ActivationOperators.LeakyRelu,
        ["Clip"] = ActivationOperators.Clip,
        ["Sigmoid"] = ActivationOperators.Sigmoid,
        ["HardSigmoid"] = ActivationOperators.HardSigmoid,
        ["HardSwish"] = ActivationOperators.HardSwish,
        ["Gelu"] = ActivationOperators.Gelu,
        ["Tanh"] = ActivationOperators.Tanh,
        ["Erf"] = ActivationOperators.Erf,
        ["Softmax"] = ActivationOperators.Softmax,
        ["LogSoftmax"] = ActivationOperators.LogSoftmax,
        ["Add"] = ArithmeticOperators.Add,
        ["Sub"] = ArithmeticOperators.Sub,
        ["Mul"] = ArithmeticOperators.Mul,
        ["Div"] = ArithmeticOperators.Div,
        ["Pow"] = ArithmeticOperators.Pow,
        ["Sqrt"] = ArithmeticOperators.Sqrt,
        ["Reciprocal"] = ArithmeticOperators.Reciprocal,
        ["Neg"] = ArithmeticOperators.Neg,
        ["Abs"] = ArithmeticOperators.Abs,
        ["Exp"] = ArithmeticOperators.Exp,
        ["Log"] = ArithmeticOperators.Log,
        ["Floor"] = ArithmeticOperators.Floor,
        ["Ceil"] = ArithmeticOperators.Ceil,
        ["Equal"] = ArithmeticOperators.Equal,
        ["Less"] = ArithmeticOperators.Less,
        ["Greater"] = ArithmeticOperators.Greater,
        ["Not"] = ArithmeticOperators.Not,
        ["And"] = ArithmeticOperators.And,
        ["Where"] = ArithmeticOperators.Where,
        ["Max"] = ArithmeticOperators.Max,
        ["Min"] = ArithmeticOperators.Min,
        ["Sum"] = ArithmeticOperators.Sum,
        ["ReduceMean"] = ArithmeticOperators.ReduceMean,
        ["ReduceSum"] = ArithmeticOperators.ReduceSum,
        ["ReduceMax"] = ArithmeticOperators.ReduceMax,
        ["ReduceMin"] = ArithmeticOperators.ReduceMin,
        ["ReduceProd"] = ArithmeticOperators.ReduceProd,
        ["TopK"] = SelectionOperators.TopK,
        ["NonZero"] = SelectionOperators.NonZero,
        ["ScatterElements"] = SelectionOperators.ScatterElements,
        ["NonMaxSuppression"] = NonMaxSuppressionOperator.NonMaxSuppression,
        ["RoiAlign"] = RoiAlignOperator.RoiAlign,
        ["Gemm"] = MatrixOperators.Gemm,
        ["MatMul"] = MatrixOperators.MatMul,
        ["MaxPool"] = PoolingOperators.MaxPool,
        ["AveragePool"] = PoolingOperators.AveragePool,
        ["GlobalAveragePool"] = PoolingOperators.GlobalAveragePool,
        ["GlobalMaxPool"] = PoolingOperators.GlobalMaxPool,
        ["Identity"] = ShapeOperators.Identity,
        ["Dropout"] = ShapeOperators.Dropout,
        ["Flatten"] = ShapeOperators.Flatten,
        ["Reshape"] = ShapeOperators.Reshape,
        ["Transpose"] = ShapeOperators.Transpose,
        ["Concat"] = ShapeOperators.Concat,
        ["Constant"] = ShapeOperators.Constant,
        ["ConstantOfShape"] = ShapeOperators.ConstantOfShape,
        ["Shape"] = ShapeOperators.Shape,
        ["Cast"] = ShapeOperators.Cast,
        ["Gather"] = ShapeOperators.Gather,
        ["Unsqueeze"] = ShapeOperators.Unsqueeze,
        ["Squeeze"] = ShapeOperators.Squeeze,
        ["Slice"] = ShapeOperators.Slice,
        ["Split"] = ShapeOperators.Split,
        ["Expand"] = ShapeOperators.Expand,
        ["Tile"] = ShapeOperators.Tile,
        ["Range"] = ShapeOperators.Range,
        ["Pad"] = ShapeOperators.Pad,
        ["Resize"] = ResizeOperator.Resize,
        ["Upsample"] = ResizeOperator.Resize,
        ["QuantizeLinear"] = QuantizationOperators.QuantizeLinear,
        ["DequantizeLinear"] = QuantizationOperators.DequantizeLinear,
    };

    /// <summary>Runs its then- or else-graph in the network's own loop (<see cref="OnnxNetwork"/>), not through the table.</summary>
    public const string If = "If";

    public static IEnumerable<string> Names => Table.Keys.Append(If).Order(StringComparer.Ordinal);

    public static bool IsSupported(NodeProto node) => TryGet(node.Domain, node.OpType, out _) || (node.Domain is "" or "ai.onnx" && node.OpType == If);

    public static bool TryGet(string domain, string opType, out Operator run)
    {
        run = null!;
        return domain is "" or "ai.onnx" && Table.TryGetValue(opType, out run!);
    }
}
