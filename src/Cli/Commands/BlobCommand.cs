using NasPipeline.Hosting.Blobs;

namespace NasPipeline.Cli.Commands;

/// <summary>`blob get`: copies a blob an event names (a kept network's ONNX, a graph, a predictor, a checkpoint) to a file.</summary>
public static class BlobCommand
{
    public const string Usage = "blob get HASH --out FILE";

    public static async Task<int> RunAsync(CliArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var verb = args.Positional(1, "a blob verb (get)");
        if (verb != "get")
        {
            throw new CliUsageException($"Unknown blob verb '{verb}'; use: nasp {Usage}");
        }

        var hash = args.Positional(2, "the blob's hash (64 hex digits, as events and `show --events` print it)").ToLowerInvariant();
        var path = args.Option("out") ?? throw new CliUsageException($"Name the file to write: --out FILE (nasp {Usage}).");
        args.RejectUnknown();
        if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
        {
            throw new CliUsageException($"'{hash}' is not a blob hash: blobs are named by the 64 hex digits of their SHA-256.");
        }

        await using var host = await CliHost.StartAsync(withBus: false, cancellationToken);
        var bytes = await host.Get<IBlobStore>().GetAsync(hash, cancellationToken);
        if (bytes is null)
        {
            await Console.Error.WriteLineAsync($"error: no blob {hash} in the blob store.");
            return 1;
        }

        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        await output.WriteLineAsync($"wrote {bytes.Length:N0} bytes to {path}");
        return 0;
    }
}
