using System.Globalization;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Designs;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Training;

namespace NasPipeline.Supernet.Export;

/// <summary>
/// A point of a built-in space as a runnable ONNX network (<see cref="SubnetOnnxWriter"/>): its weights inherited from a
/// trained supernet (a checkpoint of <c>nasp supernet train</c>, which records its recipe) or, without one, from a
/// freshly seeded supernet of the space, which is what the point's network is before any training. TorchSharp must be
/// initialised by the caller.
/// </summary>
public static class SubnetExport
{
    public const string PointMetadataKey = "nasp.point";
    public const string WeightsMetadataKey = "nasp.weights";
    public const string OutputsMetadataKey = "nasp.outputs";
    public const string InputMetadataKey = "nasp.input";

    /// <param name="source">How the checkpoint is named to a reader (a file name or a blob hash).</param>
    public static ExportedSubnet FromCheckpoint(byte[] checkpoint, ISearchSpace space, IReadOnlyList<int> point, string source)
    {
        var saved = SupernetCheckpoint.Load(checkpoint);
        var recipe = SupernetExperiment.RecipeOf(saved);
        if (recipe.Space != space.Name)
        {
            throw new ArgumentException($"The checkpoint holds a supernet of '{recipe.Space}', not of '{space.Name}'.", nameof(checkpoint));
        }

        var supernet = SupernetDesigns.Create(space, (ulong)recipe.Seed, recipe.SwitchableScaling, kernelTransforms: recipe.KernelTransforms);
        using var module = supernet.Module;
        saved.Restore(supernet);
        return Of(supernet, point, string.Create(CultureInfo.InvariantCulture,
            $"inherited from supernet checkpoint {source} ({recipe.Space} trained for {recipe.Task}, {recipe.Epochs} epochs, seed {recipe.Seed}); BatchNorm statistics as stored"));
    }

    public static ExportedSubnet Seeded(ISearchSpace space, IReadOnlyList<int> point, long seed)
    {
        var supernet = SupernetDesigns.Create(space, (ulong)seed);
        using var module = supernet.Module;
        return Of(supernet, point, string.Create(CultureInfo.InvariantCulture,
            $"seeded initialisation of the {space.Name} supernet (seed {seed}), not trained; BatchNorm statistics at their initial values"));
    }

    /// <summary>The subnet of <paramref name="point"/> as the supernet holds it now, in eval mode.</summary>
    public static ExportedSubnet Of(ElasticSupernet supernet, IReadOnlyList<int> point, string weights)
    {
        var subnet = (ExtractedSubnet)supernet.Extract(point);
        using var module = subnet.Module;
        var outputs = string.Join("; ", subnet.Features.Levels.Select((level, i) =>
            string.Create(CultureInfo.InvariantCulture, $"feature{i}: {level.Channels} channels at stride {level.Stride}")));
        var onnx = SubnetOnnxWriter.Write(subnet, new Dictionary<string, string>
        {
            [PointMetadataKey] = CandidateCodec.Encode(supernet.Space.Name, point),
            [WeightsMetadataKey] = weights,
            [InputMetadataKey] = Input(supernet.Blueprint, subnet.Config),
            [OutputsMetadataKey] = outputs,
        });
        return new ExportedSubnet(onnx, weights);
    }

    private static string Input(Network.SupernetBlueprint blueprint, Network.SubnetConfig config) =>
        string.Create(CultureInfo.InvariantCulture, $"{SubnetOnnxWriter.InputName} [batch, {blueprint.InputChannels}, {config.Resolution}, {config.Resolution}]") +
        (config.Resolution == blueprint.ReferenceResolution ? "" : string.Create(CultureInfo.InvariantCulture,
            $"; {blueprint.ReferenceResolution}-px images are resized to {config.Resolution} first (bilinear, align_corners false), as the supernet does"));
}
