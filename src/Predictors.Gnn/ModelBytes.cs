namespace NasPipeline.Predictors.Gnn;

using NasPipeline.Predictors.Gnn.Featurisation;

/// <summary>
/// The header in front of TorchSharp's weight format: a magic tag, a format version, the node
/// feature width (which changes with <see cref="OpVocabulary"/>) and the options the weights were built
/// with, so loading fails with a reason instead of a shape mismatch deep in libtorch.
/// </summary>
internal static class ModelBytes
{
    public const string RegressorMagic = "NASP-GNN";
    public const string AdapterMagic = "NASP-KAD";
    public const string TaskPredictorMagic = "NASP-TSK";
    private const int Version = 1;

    /// <summary>Header, then whatever <paramref name="body"/> writes.</summary>
    public static byte[] Write(string magic, Action<BinaryWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            WriteHeader(writer, magic);
            body(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Checks the header, then lets <paramref name="body"/> read the rest.</summary>
    public static T Read<T>(byte[] bytes, string magic, Func<BinaryReader, T> body)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var reader = new BinaryReader(new MemoryStream(bytes), System.Text.Encoding.UTF8);
        ReadHeader(reader, magic);
        return body(reader);
    }

    public static void WriteHeader(BinaryWriter writer, string magic)
    {
        writer.Write(magic);
        writer.Write(Version);
        writer.Write(NodeFeatures.Width);
    }

    public static void ReadHeader(BinaryReader reader, string magic)
    {
        var found = reader.ReadString();
        if (found != magic)
        {
            throw new InvalidDataException($"Not a {magic} model (found '{found}').");
        }

        var version = reader.ReadInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"Model format version {version}; this build reads {Version}.");
        }

        var width = reader.ReadInt32();
        if (width != NodeFeatures.Width)
        {
            throw new InvalidDataException($"Model was trained on {width} node features; this build makes {NodeFeatures.Width} (op vocabulary changed): retrain.");
        }
    }

    public static void WriteOptions(BinaryWriter writer, GraphRegressorOptions options)
    {
        writer.Write(options.Layers);
        writer.Write(options.Width);
        writer.Write(options.HeadWidth);
        writer.Write(options.LearningRate);
        writer.Write(options.Seed);
        writer.Write(options.PredictBatch);
    }

    public static GraphRegressorOptions ReadOptions(BinaryReader reader) => new()
    {
        Layers = reader.ReadInt32(),
        Width = reader.ReadInt32(),
        HeadWidth = reader.ReadInt32(),
        LearningRate = reader.ReadDouble(),
        Seed = reader.ReadInt64(),
        PredictBatch = reader.ReadInt32(),
    };
}
