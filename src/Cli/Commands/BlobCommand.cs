using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Contracts.Blobs;

namespace NasPipeline.Cli.Commands;

/// <summary><c>blob get</c>: copies a blob an event names (a kept network's ONNX, a graph, a predictor, a checkpoint) to a file.</summary>
public static class BlobCommand
{
    public static Command Create()
    {
        var hash = new Argument<string>("HASH") { Description = "The blob's SHA-256, 64 hex digits, as events and `show --events` print it." };
        var path = new Option<string>("--out") { Description = "The file to write.", HelpName = "FILE", Required = true };
        var get = new Command("get", "Copy a blob from the blob store to a file.") { hash, path };
        get.SetCliAction((parse, output, ct) => GetAsync(parse.GetRequiredValue(hash), parse.GetRequiredValue(path), output, ct));
        return new Command("blob", "Copy a blob an event names (a kept network's ONNX, a graph, a predictor, a checkpoint) to a file.") { get };
    }

    public static async Task<int> GetAsync(string hash, string path, TextWriter output, CancellationToken cancellationToken)
    {
        hash = hash.ToLowerInvariant();
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
