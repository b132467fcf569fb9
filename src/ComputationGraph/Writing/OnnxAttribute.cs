using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.ComputationGraph.Writing;

/// <summary>A node attribute for <see cref="OnnxModelWriter"/>: an int, an int list, a float or a string.</summary>
public sealed record OnnxAttribute(string Name, long? Int = null, IReadOnlyList<long>? Ints = null, float? Float = null, string? Text = null)
{
    public static OnnxAttribute Of(string name, long value) => new(name, Int: value);

    public static OnnxAttribute Of(string name, params long[] values) => new(name, Ints: values);

    public static OnnxAttribute Of(string name, float value) => new(name, Float: value);

    public static OnnxAttribute Of(string name, string value) => new(name, Text: value);

    internal AttributeProto ToProto()
    {
        if (Int is { } i)
        {
            return new AttributeProto { Name = Name, Type = AttributeProto.Types.AttributeType.Int, I = i };
        }

        if (Text is { } text)
        {
            return new AttributeProto { Name = Name, Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8(text) };
        }

        if (Float is { } f)
        {
            return new AttributeProto { Name = Name, Type = AttributeProto.Types.AttributeType.Float, F = f };
        }

        return new AttributeProto { Name = Name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { Ints ?? [] } };
    }
}
