using System.CommandLine;
using System.Security.Cryptography;
using Marten;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Validation;
using NasPipeline.Hosting.Blobs;
using NasPipeline.Stages.GraphExtract;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// <c>submit</c>: uploads a model (or names a search-space point), publishes <c>ModelSubmitted</c> and prints the run id
/// on the first line; with <c>--wait</c>, or with no broker configured, follows the run to its end.
/// </summary>
public static class SubmitCommand
{
    public static Option<int> ConnectTimeoutOption() =>
        CliOptions.Int("--connect-timeout", 15, "Seconds to wait for RabbitMQ to take the message before giving up (exit 1).", "SECONDS");

    public static Command Create()
    {
        var model = new Argument<string?>("MODEL.onnx") { Description = "The ONNX file to submit (or give --point instead).", Arity = ArgumentArity.ZeroOrOne };
        var point = CliOptions.Text("--point", "Submit a point of a built-in search space instead of a file, e.g. mbv3-28:0,2,7,...", "SPACE:g1,g2,...");
        var inputs = CliOptions.InputShapes();
        var tasks = new Option<string>("--tasks")
        {
            Description = "The tasks the network must serve, a comma list (see `nasp tasks`).", HelpName = "TASK,...", DefaultValueFactory = _ => "classification",
        };
        var objectives = new Option<string[]>("--objective")
        {
            Description = "An objective to trade, max:TASK, min:macs, min:params or min:latency (a point's subnets timed in ONNX Runtime on this machine, ms); repeatable (default: every task's metric up, MACs down).",
            HelpName = "max:TASK|min:macs|min:latency",
        };
        var constraints = new Option<string[]>("--constraint")
        {
            Description = "A bound every kept network meets, relative to the submitted model (macs<=0.8x) or absolute (params<=5e6); repeatable.",
            HelpName = "NAME<=VALUE[x]",
        };
        var seed = CliOptions.OptionalInt("--seed", "The run's seed, recorded in the run (default: a random one).");
        var population = CliOptions.OptionalInt("--population", "NSGA-III population (4-1000; default: the Search stage's configuration).");
        var generations = CliOptions.OptionalInt("--generations", "Generations per NAT iteration (0-1000; default: the Search stage's configuration).");
        var iterations = CliOptions.OptionalInt("--iterations", "NAT iterations (1-100; default: the Search stage's configuration).");
        var adapt = CliOptions.OptionalInt("--adapt", "Subnets adapted per iteration (0-1000; default: the Search stage's configuration).");
        var maxDrop = CliOptions.Text("--max-drop",
            "With --adapt on a submitted ONNX model: return the cheapest measured network of the search's path whose measured metric is at most D below the original's on every task (task units, e.g. 0.005 = half a top-1 point); default: the path's end.",
            "D");
        var maxStepCut = CliOptions.Text("--max-step-cut",
            "On a submitted ONNX model: each round of the mutation search removes at most this fraction of the current network's MACs (e.g. 0.03), so the path takes small steps; default: no cap.",
            "F");
        var stepRule = CliOptions.Text("--step-rule",
            "On a submitted ONNX model: how each round chooses among the mutants predicted not below the original: headroom (the most predicted headroom, the default) or spread (the edit that leaves its layer the largest share of its submitted size, so the cut spreads over the network).",
            "RULE");
        var spreadTolerance = CliOptions.Text("--spread-tolerance",
            "On a submitted ONNX model: a mutant also qualifies when its predicted metric is below the original's by at most K times the predictor's spread for it (its ensemble's standard deviation), so differences within the predictor's noise do not stop the search (e.g. 1); default: 0, not below at all.",
            "K");
        var fna = new Option<bool>("--fna")
        {
            Description = "On a submitted MobileNetV2-like chain classifier (`nasp chain train` writes one): FNA instead of the mutation search. Its architecture is adapted to the first task against its MACs, the derived network starts from the seed's remapped parameters, and both it and the original are fine-tuned and measured.",
        };
        var costWeight = CliOptions.Text("--cost-weight", $"With --fna: λ in task loss + λ·log10(E[MACs]) (default {FnaOptions.DefaultCostWeight}).", "L");
        var targetMacs = CliOptions.Text("--target-macs",
            "With --fna: a MAC budget for the derived backbone, a factor of the seed's (0.8x) or a count; derives the cheapest switches from argmax that fit it.", "0.8x|N");
        var initial = CliOptions.OptionalInt("--initial", "Initial random samples (0-10000; default: the Search stage's configuration).");
        var pseudoLabels = CliOptions.OptionalInt("--pseudo-labels",
            "Networks pseudo-labelled per task before the search (AIO-P's shared head and a brief fine-tune; 0-500), so each task's predictor is refit on labels of its own: space points spread over MACs for a --point run, the model and a chain of its mutants for an ONNX run; default: the Search stage's configuration (0).");
        var wait = new Option<bool>("--wait") { Description = "Follow the run until it ends and print its summary (exit 1 if it is rejected or fails)." };
        var timeout = CliOptions.Timeout(1800, "wait for the run");
        var connectTimeout = ConnectTimeoutOption();
        var command = new Command("submit", "Submit a model (an ONNX file, or a search-space point) with its tasks and objectives; prints the run id.")
        {
            model, point, inputs, tasks, objectives, constraints, seed, population, generations, iterations, adapt, maxDrop, maxStepCut, stepRule, spreadTolerance, fna,
            costWeight, targetMacs, initial, pseudoLabels, wait, timeout, connectTimeout,
        };
        command.SetCliAction((parse, output, ct) => RunAsync(
            new SubmitSettings(
                parse.GetValue(model), parse.GetValue(point), parse.GetValue(inputs) ?? [], parse.GetValue(tasks) ?? "classification",
                parse.GetValue(objectives) ?? [], parse.GetValue(constraints) ?? [], parse.GetValue(seed),
                SubmissionOptions.Budget(parse.GetValue(population), parse.GetValue(generations), parse.GetValue(iterations), parse.GetValue(adapt), parse.GetValue(initial),
                    parse.GetValue(pseudoLabels)),
                parse.GetValue(wait), TimeSpan.FromSeconds(parse.GetValue(timeout)), TimeSpan.FromSeconds(parse.GetValue(connectTimeout)),
                parse.GetValue(maxDrop), parse.GetValue(maxStepCut), parse.GetValue(stepRule), parse.GetValue(spreadTolerance),
                parse.GetValue(fna), parse.GetValue(costWeight), parse.GetValue(targetMacs)),
            output,
            ct));
        return command;
    }

    public static async Task<int> RunAsync(SubmitSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        if (settings.Model is not null && settings.Point is not null)
        {
            throw new CliUsageException($"Give a file or --point, not both (got {settings.Model} and --point {settings.Point}).");
        }

        var point = settings.Point is { } pointText ? SubmissionOptions.ParsePoint(pointText) : null;
        var path = point is null ? settings.Model ?? throw new CliUsageException("Name the ONNX file to submit (or give --point SPACE:genes).") : null;
        var tasks = settings.Tasks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var objectives = settings.Objectives.Select(SubmissionOptions.ParseObjective).ToList();
        var constraints = settings.Constraints.Select(SubmissionOptions.ParseConstraint).ToList();
        var seed = settings.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);

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
            settings.Inputs,
            tasks,
            objectives.Count > 0 ? objectives : SubmissionOptions.DefaultObjectives(tasks),
            constraints,
            seed,
            settings.Budget,
            MaxDrop: settings.MaxDrop is { } drop ? SubmissionOptions.ParseMaxDrop(drop) : null,
            MaxStepCut: settings.MaxStepCut is { } cap ? SubmissionOptions.ParseMaxStepCut(cap) : null,
            StepRule: settings.StepRule is { } rule ? SubmissionOptions.ParseStepRule(rule) : null,
            SpreadTolerance: settings.SpreadTolerance is { } tolerance ? SubmissionOptions.ParseSpreadTolerance(tolerance) : null,
            Fna: SubmissionOptions.Fna(settings.Fna, settings.CostWeight, settings.TargetMacs));
        var validation = new ModelSubmittedValidator().Validate(draft);
        if (!validation.IsValid)
        {
            throw new CliUsageException(string.Join(Environment.NewLine, validation.Errors.Select(e => e.ErrorMessage).Distinct()));
        }

        if (draft.Fna is not null)
        {
            RefuseUnlessChain(bytes!, path!);
        }

        await using var host = await CliHost.StartAsync(withBus: true, cancellationToken);

        // Refused here (exit 2) before anything is uploaded or published; GraphExtract would refuse it as well.
        if (await PipelineSubmissionCheck.Create(host.Get<IDocumentStore>(), host.Get<TaskRegistry>()).RefusalAsync(draft, cancellationToken) is { } refusal)
        {
            throw new CliUsageException(refusal);
        }

        if (bytes is not null)
        {
            await host.Get<IBlobStore>().PutAsync(bytes, BlobMediaTypes.Onnx, cancellationToken);
        }

        await host.SubmitAsync(draft, settings.ConnectTimeout, cancellationToken);
        await output.WriteLineAsync(runId.ToString());
        if (host.Embedded)
        {
            await Console.Error.WriteLineAsync("note: RabbitMq__Uri is not set, so every stage runs inside this process.");
        }

        if (!settings.Wait && !host.Embedded)
        {
            return 0;
        }

        // In the one-process mode the stages die with this process, so it always waits.
        return await RunWatcher.WatchAsync(host, runId, output, settings.Timeout, printSummary: true, cancellationToken);
    }

    /// <summary>FNA's super network is built from a chain's stages, so any other network is refused here, before a run
    /// starts that the Adapt stage would fail.</summary>
    private static void RefuseUnlessChain(byte[] onnx, string path)
    {
        CliTorch.Initialise(1);
        try
        {
            var (network, head) = Fna.Costs.ChainOnnxReader.ReadClassifier(onnx);
            network.Dispose();
            head.Dispose();
        }
        catch (FormatException e)
        {
            throw new CliUsageException($"--fna adapts a MobileNetV2-like chain classifier with its weights (`nasp chain train` writes one); {path} is not one: {e.Message}");
        }
    }
}

/// <summary>What <c>submit</c> was asked to do, as given on the command line.</summary>
public sealed record SubmitSettings(
    string? Model, string? Point, IReadOnlyList<string> Inputs, string Tasks, IReadOnlyList<string> Objectives, IReadOnlyList<string> Constraints,
    int? Seed, SearchBudget? Budget, bool Wait, TimeSpan Timeout, TimeSpan ConnectTimeout, string? MaxDrop = null,
    string? MaxStepCut = null, string? StepRule = null, string? SpreadTolerance = null, bool Fna = false, string? CostWeight = null, string? TargetMacs = null);
