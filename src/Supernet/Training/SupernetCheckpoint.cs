using System.Text;
using NasPipeline.TorchRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Training;

/// <summary>
/// A trained supernet (and optionally its task head) as bytes, for the pipeline's content-addressed blob store.
/// Layout: magic, format version, space name, (version 2) a free-form label such as the recipe as JSON, then each
/// module's TorchSharp state (parameters and BN buffers), length-prefixed. Optimizer state is not kept: a resumed run
/// restarts its momentum.
/// </summary>
public sealed record SupernetCheckpoint(string SpaceName, byte[] Supernet, byte[]? Head, string Label = "")
{
    private const string Magic = "NASP-SUPERNET";
    private const int Version = 2;

    /// <param name="label">Stored as is; the CLI keeps the training recipe there so a checkpoint file is self-describing.</param>
    public static byte[] Save(ISupernet supernet, nn.Module? head = null, string label = "")
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(supernet.Space.Name);
            writer.Write(label);
            WriteModule(writer, supernet.Module);
            writer.Write(head is not null);
            if (head is not null)
            {
                WriteModule(writer, head);
            }
        }

        return stream.ToArray();
    }

    public static SupernetCheckpoint Load(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException("Not a supernet checkpoint.");
        }

        var version = reader.ReadInt32();
        if (version is < 1 or > Version)
        {
            throw new InvalidDataException($"Supernet checkpoint format {version} is not supported (expected {Version}).");
        }

        var space = reader.ReadString();
        var label = version >= 2 ? reader.ReadString() : "";
        var supernet = reader.ReadBytes(reader.ReadInt32());
        var head = reader.ReadBoolean() ? reader.ReadBytes(reader.ReadInt32()) : null;
        return new SupernetCheckpoint(space, supernet, head, label);
    }

    /// <summary>Copies the saved weights into a supernet of the same space and blueprint (and the head, when both have one).</summary>
    public void Restore(ISupernet supernet, nn.Module? head = null)
    {
        if (supernet.Space.Name != SpaceName)
        {
            throw new InvalidOperationException($"The checkpoint is for space '{SpaceName}', not '{supernet.Space.Name}'.");
        }

        ReadModule(Supernet, supernet.Module);
        if (head is not null)
        {
            ReadModule(Head ?? throw new InvalidOperationException("The checkpoint holds no head."), head);
        }
    }

    private static void WriteModule(BinaryWriter writer, nn.Module module)
    {
        var bytes = ModuleBytes.Save(module);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static void ReadModule(byte[] bytes, nn.Module module) => ModuleBytes.Load(module, bytes);
}
