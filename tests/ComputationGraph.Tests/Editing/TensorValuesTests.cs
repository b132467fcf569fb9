using NasPipeline.ComputationGraph.Editing;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.ComputationGraph.Tests.Editing;

/// <summary>Numbers written in a tensor's own element type, replacing whatever storage it had.</summary>
public sealed class TensorValuesTests
{
    [Theory]
    [InlineData(1, new byte[] { 0, 0, 0xC0, 0x3F })]   // float 1.5
    [InlineData(10, new byte[] { 0x00, 0x3E })]         // half 1.5
    [InlineData(11, new byte[] { 0, 0, 0, 0, 0, 0, 0xF8, 0x3F })]   // double 1.5
    public void Each_float_type_is_stored_little_endian_in_its_own_width(int dataType, byte[] expected)
    {
        var tensor = new TensorProto { Name = "w", DataType = dataType, Dims = { 1 } };

        TensorValues.Write(tensor, [1.5]);

        Assert.Equal(expected, tensor.RawData.ToByteArray());
        Assert.True(TensorValues.IsFloat(tensor));
    }

    [Fact]
    public void Typed_data_is_replaced_not_kept_beside_the_raw_bytes()
    {
        var tensor = new TensorProto { Name = "w", DataType = 1, Dims = { 2 }, FloatData = { 9, 9 } };

        TensorValues.Write(tensor, [0, 0]);

        Assert.Empty(tensor.FloatData);
        Assert.Equal(8, tensor.RawData.Length);
    }

    [Fact]
    public void A_string_tensor_cannot_be_filled()
    {
        var tensor = new TensorProto { Name = "s", DataType = 8, Dims = { 1 } };

        var error = Assert.Throws<InvalidOperationException>(() => TensorValues.Write(tensor, [0]));

        Assert.Contains("'s' (element type 8)", error.Message);
        Assert.False(TensorValues.IsFloat(tensor));
    }
}
