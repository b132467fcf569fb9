using Google.Protobuf;
using NasPipeline.ComputationGraph.Editing;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.ComputationGraph.Tests.Editing;

/// <summary>Slicing whatever storage a tensor uses: typed values, raw bytes of any element size, or none at all.</summary>
public sealed class TensorSliceTests
{
    [Fact]
    public void Typed_float_values_keep_the_chosen_ranges_of_the_axis()
    {
        // [2, 3] = [[0, 1, 2], [3, 4, 5]]; keep columns 0 and 2.
        var tensor = new TensorProto { Name = "t", DataType = 1, Dims = { 2, 3 }, FloatData = { 0, 1, 2, 3, 4, 5 } };

        TensorSlice.Apply(tensor, 1, [new KeptRange(0, 1), new KeptRange(2, 1)]);

        Assert.Equal([2L, 2], tensor.Dims);
        Assert.Equal([0f, 2, 3, 5], tensor.FloatData);
    }

    [Fact]
    public void Raw_int64_values_are_cut_element_by_element()
    {
        // [2, 2, 2] = 0..7; keep the first entry of the last axis: 0, 2, 4, 6.
        var raw = Enumerable.Range(0, 8).SelectMany(i => BitConverter.GetBytes((long)i)).ToArray();
        var tensor = new TensorProto { Name = "t", DataType = 7, Dims = { 2, 2, 2 }, RawData = ByteString.CopyFrom(raw) };

        TensorSlice.Apply(tensor, 2, [new KeptRange(0, 1)]);

        var values = Enumerable.Range(0, 4).Select(i => BitConverter.ToInt64(tensor.RawData.Span[(i * 8)..])).ToArray();
        Assert.Equal([0L, 2, 4, 6], values);
        Assert.Equal([2L, 2, 1], tensor.Dims);
    }

    [Fact]
    public void A_tensor_in_a_missing_external_file_keeps_no_data_and_no_reference()
    {
        var tensor = new TensorProto
        {
            Name = "w", DataType = 1, Dims = { 8, 4 }, DataLocation = TensorProto.Types.DataLocation.External,
            ExternalData = { new StringStringEntryProto { Key = "location", Value = "weights.bin" } },
        };

        TensorSlice.Apply(tensor, 0, [new KeptRange(0, 6)]);

        Assert.Equal([6L, 4], tensor.Dims);
        Assert.False(TensorSlice.HasData(tensor));
        Assert.Empty(tensor.ExternalData);
        Assert.Equal(TensorProto.Types.DataLocation.Default, tensor.DataLocation);
    }

    [Fact]
    public void Ranges_outside_the_axis_are_refused()
    {
        var tensor = new TensorProto { Name = "t", DataType = 1, Dims = { 4 }, FloatData = { 0, 1, 2, 3 } };

        Assert.Throws<InvalidOperationException>(() => TensorSlice.Apply(tensor, 0, [new KeptRange(2, 3)]));
    }
}
