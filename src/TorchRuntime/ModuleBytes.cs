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
}
