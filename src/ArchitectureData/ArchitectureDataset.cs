using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace NasPipeline.ArchitectureData;

/// <summary>
/// JSON Lines, one architecture per line:
/// <c>{"id","graph","macs","params","metrics":{task:value},"source","encoding"}</c>. Reading and writing stream;
/// blank lines are skipped; a bad line fails with its 1-based number. A path ending in <c>.gz</c> is written gzip-compressed
/// (the compact form: graphs repeat the same few operators, so they shrink about tenfold), and any gzip file is read as
/// such whatever its name, still one record at a time.
/// </summary>
public static class ArchitectureDataset
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    public static IEnumerable<ArchitectureRecord> Read(string path)
    {
        using var reader = new StreamReader(OpenRead(path), Encoding.UTF8);
        foreach (var record in Read(reader))
        {
            yield return record;
        }
    }

    public static IEnumerable<ArchitectureRecord> Read(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return ArchitectureLine.Parse(line, number);
            }
        }
    }

    public static int Write(string path, IEnumerable<ArchitectureRecord> records)
    {
        Stream file = File.Create(path);
        if (IsCompressed(path))
        {
            file = new GZipStream(file, CompressionLevel.Optimal);
        }

        using var writer = new StreamWriter(file, new UTF8Encoding(false));
        return Write(writer, records);
    }

    /// <summary>Whether <see cref="Write(string, IEnumerable{ArchitectureRecord})"/> compresses a file of this name.</summary>
    public static bool IsCompressed(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's records as text: gunzipped when it starts with gzip's magic bytes.</summary>
    private static Stream OpenRead(string path)
    {
        var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var isGzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        return isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Writes one line per record as it is enumerated; returns the count.</summary>
    public static int Write(TextWriter writer, IEnumerable<ArchitectureRecord> records)
    {
        var count = 0;
        var buffer = new MemoryStream();
        foreach (var record in records)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            {
                ArchitectureLine.Write(json, record);
            }

            writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            writer.Write('\n');
            count++;
        }

        writer.Flush();
        return count;
    }
}
