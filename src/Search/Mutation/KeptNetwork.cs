using NasPipeline.ComputationGraph.Editing;

namespace NasPipeline.Search.Mutation;

/// <summary>The ONNX of a mutation search's kept network as it leaves the search: ONNX Runtime can run it.</summary>
public sealed record KeptNetwork(byte[] Onnx, WeightFill Weights)
{
    /// <summary>The key of the model's <c>metadata_props</c> entry that says where its weights come from.</summary>
    public const string WeightsMetadataKey = "nasp.weights";

    /// <summary>A network as it stands (e.g. the submitted one when no mutation was kept, or a blob written before
    /// weights were kept): returned byte for byte when it carries every weight, else with the missing ones seeded.</summary>
    public static KeptNetwork Of(byte[] onnx, long seed)
    {
        var model = OnnxModelEditor.Parse(onnx);
        if (model.Initializers.All(TensorSlice.HasData))
        {
            return new KeptNetwork(onnx, new WeightFill(model.Initializers.Count, 0, 0, seed));
        }

        return Of(model, seed);
    }

    /// <summary>A copy of the mutated model with its missing weights seeded (<see cref="SeededWeights"/>) and that said in
    /// its metadata.</summary>
    internal static KeptNetwork Of(OnnxModelEditor model, long seed)
    {
        var copy = model.Clone();
        var fill = SeededWeights.Fill(copy, seed);
        copy.SetMetadata(WeightsMetadataKey, fill.Describe());
        return new KeptNetwork(copy.ToBytes(), fill);
    }
}
