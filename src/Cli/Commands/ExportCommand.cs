using System.CommandLine;
using System.Globalization;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Cli.Supernets;
using NasPipeline.Export;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Hosting.EventStore;
using NasPipeline.SearchSpaces;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Cli.Commands;

/// <summary>`export`: a run's network or a point of a space as a runnable ONNX file with weights (the logic is
/// <see cref="ModelExport"/>; this only reads the arguments, the run and its blobs).</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("TARGET")
        {
            Description = "A run id (or a unique prefix), or a point of a space: SPACE:g1,g2,... or SPACE:smallest / SPACE:largest.",
        };
        var path = new Option<string>("--out") { Description = "The ONNX file to write.", HelpName = "M.onnx", Required = true };
        var candidate = CliOptions.Text("--candidate", "A network of a space run's front, by its candidate name (default: the best on the first objective).", "NAME");
        var file = CliOptions.Text("--checkpoint", "Weights from a supernet checkpoint file.", "FILE.ckpt");
        var blob = CliOptions.Text("--checkpoint-blob", "Weights from a supernet checkpoint in the blob store.", "HASH");
        var seed = CliOptions.OptionalInt("--seed", "Seed of the He-normal weights of a point exported without a checkpoint (default 0).");
        var command = new Command("export", "Write a run's network or a point of a space as a runnable ONNX file with its weights.")
        {
            target, path, candidate, file, blob, seed,
        };
        command.SetCliAction((parse, output, ct) => RunAsync(parse.GetRequiredValue(target), parse.GetRequiredValue(path), parse.GetValue(candidate),
            parse.GetValue(file), parse.GetValue(blob)?.ToLowerInvariant(), parse.GetValue(seed), output, ct));
        return command;
    }

    public static async Task<int> RunAsync(
        string target, string path, string? candidate, string? file, string? blob, int? seed, TextWriter output, CancellationToken cancellationToken)
    {
        var spaces = SearchSpaceRegistry.CreateDefault();
        var point = Point(spaces, target);
        if (file is not null && blob is not null)
        {
            throw new CliUsageException("Give at most one of --checkpoint FILE and --checkpoint-blob HASH.");
        }

        if (file is not null && !File.Exists(file))
        {
            throw new CliUsageException($"No such file: {file}");
        }

        if (point is not null ? candidate is not null : seed is not null)
        {
            throw new CliUsageException(point is not null
                ? "--candidate picks a network of a run; a point is already one."
                : "--seed is for a point without a checkpoint; a run's networks are seeded from the run's own seed.");
        }

        var export = new ModelExport(spaces, () => TorchEnvironment.Initialise(new TorchOptions { Threads = 2, Device = TorchDeviceKind.Cpu }));
        await using var host = point is null || blob is not null ? await CliHost.StartAsync(withBus: false, cancellationToken) : null;
        ExportedModel model;
        try
        {
            var checkpoint = file is not null
                ? new CheckpointSource(await File.ReadAllBytesAsync(file, cancellationToken), Path.GetFileName(file))
                : blob is not null
                    ? new CheckpointSource(await host!.Get<IBlobStore>().GetAsync(blob, cancellationToken)
                        ?? throw new CliUsageException($"Blob {blob} is not in the blob store."), $"blob {blob[..Math.Min(12, blob.Length)]}")
                    : null;
            if (point is { } p)
            {
                model = export.Point(p.Space, p.Genes, checkpoint, seed ?? 0);
            }
            else
            {
                var reader = host!.Get<RunReader>();
                var runId = await RunIds.ResolveAsync(target, reader, cancellationToken);
                var events = (await reader.EventsAsync(runId, 0, cancellationToken)).Select(e => e.Data).ToList();
                if (events.Count == 0)
                {
                    throw new CliUsageException($"No run {runId}; `nasp runs` lists them.");
                }

                model = await export.RunAsync(events, host.Get<IBlobStore>().GetAsync, candidate, checkpoint, cancellationToken);
            }
        }
        catch (ModelExportException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        await File.WriteAllBytesAsync(path, model.Onnx, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {model.Onnx.Length:N0} bytes to {path}: {model.Network}"));
        await output.WriteLineAsync($"weights: {model.Weights}");
        return 0;
    }

    /// <summary>SPACE:genes (or SPACE:smallest / SPACE:largest) of a registered space; null for anything else (a run id).</summary>
    private static (ISearchSpace Space, IReadOnlyList<int> Genes)? Point(SearchSpaceRegistry spaces, string target)
    {
        if (!CandidateCodec.TrySplit(target, out var name, out var genes))
        {
            return null;
        }

        if (!spaces.TryGet(name, out var space))
        {
            throw new CliUsageException($"'{name}' is not a search space (spaces: {string.Join(", ", spaces.Names)}).");
        }

        return (space, PointText.Parse(space, genes, $"the point {target}"));
    }
}
