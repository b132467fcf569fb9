using static TorchSharp.torch;

namespace NasPipeline.TorchRuntime;

/// <summary>A module's parameters and buffers as bytes (TorchSharp's own format), and back into a module of the same build.</summary>
public static class ModuleBytes
{
    public static byte[] Save(nn.Module module)
    {
        // TorchSharp closes the stream it saves to; a closed MemoryStream still hands back its bytes.
        var buffer = new MemoryStream();
        module.save(buffer);
        return buffer.ToArray();
    }

    public static void Load(nn.Module module, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        module.load(stream, strict: true);
    }

    /// <summary>The module's bytes, length first, into a state file that holds more than one thing.</summary>
    public static void Write(BinaryWriter writer, nn.Module module)
    {
        var bytes = Save(module);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Reads what <see cref="Write"/> wrote into a module of the same build.</summary>
    public static void Read(BinaryReader reader, nn.Module module) => Load(module, reader.ReadBytes(reader.ReadInt32()));
}
