using System.Security.Cryptography;
using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Validation;
using NasPipeline.Hosting.Blobs;

namespace NasPipeline.Cli.Commands;

public static class SubmitCommand
{
    public const string Usage =
        "submit MODEL.onnx | --point SPACE:g1,g2,... [--input 1x3x224x224]... [--tasks classification,...] " +
        "[--objective max:TASK|min:macs]... [--constraint macs<=0.8x]... [--seed N] " +
        "[--population N] [--generations N] [--iterations N] [--adapt N] [--initial N] [--wait] [--timeout SECONDS]";

    public static async Task<int> RunAsync(CliArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var point = args.Option("point") is { } pointText ? SubmissionOptions.ParsePoint(pointText) : null;
        var path = point is null ? args.Positional(1, "the ONNX file to submit (or --point SPACE:genes)") : null;
        var tasks = (args.Option("tasks") ?? "classification").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var objectives = args.Options("objective").Select(SubmissionOptions.ParseObjective).ToList();
        var constraints = args.Options("constraint").Select(SubmissionOptions.ParseConstraint).ToList();
        var inputs = args.Options("input");
        var seed = args.IntOption("seed", RandomNumberGenerator.GetInt32(int.MaxValue));
        var budget = SubmissionOptions.ParseBudget(args);
        var wait = args.Flag("wait");
        var timeout = TimeSpan.FromSeconds(args.IntOption("timeout", 600));
        args.RejectUnknown();

        byte[]? bytes = null;
        if (path is not null)
        {
            if (!File.Exists(path))
            {
                throw new CliUsageException($"No such file: {path}");
            }

            if (new FileInfo(path).Length > PostgresBlobStore.MaxBlobBytes)
            {
                throw new CliUsageException($"{path} is larger than the 1 GiB a model may have.");
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }

        var runId = Guid.CreateVersion7();
        var draft = new ModelSubmitted(
            runId,
            DateTimeOffset.UtcNow,
            bytes is null ? null : new OnnxModelRef(ContentHash.Of(bytes), Path.GetFileName(path!), bytes.Length),
            point,
            inputs,
            tasks,
            objectives.Count > 0 ? objectives : SubmissionOptions.DefaultObjectives(tasks),
            constraints,
            seed,
            budget);
        var validation = new ModelSubmittedValidator().Validate(draft);
        if (!validation.IsValid)
        {
            throw new CliUsageException(string.Join(Environment.NewLine, validation.Errors.Select(e => e.ErrorMessage).Distinct()));
        }

        await using var host = await CliHost.StartAsync(withBus: true, cancellationToken);
        if (bytes is not null)
        {
            await host.Get<IBlobStore>().PutAsync(bytes, BlobMediaTypes.Onnx, cancellationToken);
        }

        await host.Get<IPublishEndpoint>().Publish(draft, cancellationToken);
        await output.WriteLineAsync(runId.ToString());
        if (host.Embedded)
        {
            await Console.Error.WriteLineAsync("note: RabbitMq__Uri is not set, so every stage runs inside this process.");
        }

        if (!wait && !host.Embedded)
        {
            return 0;
        }

        // In the one-process mode the stages die with this process, so it always waits.
        return await RunWatcher.WatchAsync(host, runId, output, timeout, printSummary: true, cancellationToken);
    }
}
