using System.Text;

namespace NasPipeline.Adaptation.Nat;

/// <summary>
/// A chunk boundary of an adaptation: the supernet and head (a <c>SupernetCheckpoint</c>'s bytes, which the next
/// version of the run's supernet is) and the optimizer's state, so the next chunk continues the same training.
/// </summary>
public sealed record AdaptationCheckpoint(byte[] Supernet, byte[] Optimizer)
{
    private const string Magic = "NASP-ADAPTATION";
    private const int Version = 1;

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(Supernet.Length);
            writer.Write(Supernet);
            writer.Write(Optimizer.Length);
            writer.Write(Optimizer);
        }

        return stream.ToArray();
    }

    /// <summary>Reads the bytes when they are an adaptation state; false (and no exception) for anything else, such as
    /// a plain supernet checkpoint.</summary>
    public static bool TryRead(byte[] bytes, out AdaptationCheckpoint state)
    {
        state = null!;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                return false;
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            return false;
        }

        state = Read(bytes);
        return true;
    }

    public static AdaptationCheckpoint Read(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException("Not an adaptation checkpoint.");
        }

        var version = reader.ReadInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"Adaptation checkpoint format {version} is not supported (expected {Version}).");
        }

        var supernet = reader.ReadBytes(reader.ReadInt32());
        return new AdaptationCheckpoint(supernet, reader.ReadBytes(reader.ReadInt32()));
    }
}
