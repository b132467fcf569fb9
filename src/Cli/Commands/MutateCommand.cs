using System.CommandLine;
using System.Globalization;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Cli.Output;
using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Validation;
using NasPipeline.Search.Mutation;

namespace NasPipeline.Cli.Commands;

/// <summary>AIO-P mutation search on a local ONNX file, no server. Scorer: the params-saturation stand-in, or a GNN
/// trained here on a labelled dataset (<c>--scorer gnn --train DATA.jsonl --task METRIC</c>).</summary>
public static class MutateCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL.onnx") { Description = "The ONNX file to mutate." };
        var inputs = CliOptions.InputShapes();
        var seed = CliOptions.Int("--seed", 0, "The search's seed: the same seed gives the same mutations.");
        var steps = CliOptions.Int("--steps", 60, "Mutation steps.");
        var candidates = CliOptions.Int("--candidates", 8, "Mutants scored per step.");
        var outPath = CliOptions.Text("--out", "Write the kept network's ONNX to this file.", "MUTANT.onnx");
        var json = CliOptions.Json("Print the result as JSON.");
        var scorer = CliOptions.Text("--scorer", "What ranks the mutants: stand-in (params saturation, the default) or gnn (trained here on --train).", "stand-in|gnn");
        var retained = CliOptions.Text("--retained", "stand-in scorer: the share of the metric a network keeps at the submitted size, in (0, 1] (default 0.9).", "R");
        var train = CliOptions.Text("--train", "gnn scorer: the labelled architecture dataset to train on (`nasp data import`).", "DATA.jsonl");
        var task = CliOptions.Text("--task", "gnn scorer: the dataset's metric to learn.", "METRIC");
        var trainSize = CliOptions.Int("--train-size", 1000, "gnn scorer: how many of the dataset's architectures to train on.");
        var epochs = CliOptions.Int("--epochs", 100, "gnn scorer: training epochs.", "E");
        var maxStepCut = CliOptions.Text("--max-step-cut", "Each step removes at most this fraction of the current network's MACs (e.g. 0.03); default: no cap.", "F");
        var stepRule = CliOptions.Text("--step-rule",
            "How each step chooses among the mutants scored not below the original: headroom (the most, the default) or spread (the edit that leaves its layer the largest share of its submitted size).",
            "RULE");
        var command = new Command("mutate", "AIO-P mutation search on a local ONNX file (channel groups, kernels, residual blocks), no server: " +
                                            "the kept mutations, exact MACs and params, the MAC reduction.")
        {
            model, inputs, seed, steps, candidates, outPath, json, scorer, retained, train, task, trainSize, epochs, maxStepCut, stepRule,
        };
        command.Options.Add(DeviceOption.Create());
        command.SetCliAction((parse, output, _) => RunAsync(new MutateSettings(
            parse.GetRequiredValue(model), parse.GetValue(inputs) ?? [], parse.GetValue(seed), parse.GetValue(steps), parse.GetValue(candidates),
            parse.GetValue(outPath), parse.GetValue(json), parse.GetValue(scorer) ?? "stand-in", parse.GetValue(retained) ?? "0.9",
            parse.GetValue(train), parse.GetValue(task), parse.GetValue(trainSize), parse.GetValue(epochs),
            parse.GetValue(maxStepCut), parse.GetValue(stepRule)), output));
        return command;
    }

    public static async Task<int> RunAsync(MutateSettings settings, TextWriter output)
    {
        var (path, shapes, seed, steps, candidates, outPath, json, scorerKind, retainedText, train, task, trainSize, epochs, maxStepCutText, stepRuleText) = settings;
        if (scorerKind is not ("stand-in" or "gnn") || (scorerKind == "gnn" && (train is null || task is null)))
        {
            throw new CliUsageException("--scorer is stand-in or gnn (with --train DATA.jsonl --task METRIC).");
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"No such file: {path}");
        }

        if (!double.TryParse(retainedText, CultureInfo.InvariantCulture, out var retained) || retained is <= 0 or > 1)
        {
            throw new CliUsageException($"--retained must be in (0, 1], not '{retainedText}'.");
        }

        var maxStepCut = maxStepCutText is null ? (double?)null : SubmissionOptions.ParseMaxStepCut(maxStepCutText);
        if (maxStepCut is { } cap && ModelSubmittedValidator.MaxStepCutRefusal(cap) is { } refusal)
        {
            throw new CliUsageException(refusal);
        }

        var stepRule = stepRuleText is null ? (MutationStepRule?)null : SubmissionOptions.ParseStepRule(stepRuleText);
        ExtractionOptions extraction;
        try
        {
            extraction = new ExtractionOptions { InputShapes = shapes.Count > 0 ? shapes.Select(InputShape.Parse).ToList() : null };
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }

        var bytes = await File.ReadAllBytesAsync(path);
        MutationSearchResult result;
        try
        {
            var original = new OnnxGraphExtractor().Extract(bytes, extraction);
            using var gnn = scorerKind == "gnn" ? GnnMetricScorer.Train(train!, task!, trainSize, epochs, seed) : null;
            IPredictedMetricScorer scorer = gnn is not null ? gnn : new ParamsSaturationScorer(original.TotalParams, retained);
            var search = new MutationSearch(scorer);
            result = search.Run(bytes, new MutationSearchOptions(extraction, seed)
            {
                Steps = steps, CandidatesPerStep = candidates, MaxStepCut = maxStepCut, StepRule = stepRule,
            });
        }
        catch (GraphExtractionException e)
        {
            await Console.Error.WriteLineAsync($"error: {path}: {e.Message} ({e.Kind})");
            return 1;
        }

        if (outPath is not null)
        {
            await File.WriteAllBytesAsync(outPath, result.BestModel);
        }

        if (json)
        {
            await output.WriteLineAsync(CliJson.Serialize(new
            {
                Model = path, seed, result.Scorer,
                MacsOriginal = result.Original.TotalMacs, MacsBest = result.Best.TotalMacs, result.MacReduction,
                ParamsOriginal = result.Original.TotalParams, ParamsBest = result.Best.TotalParams, result.ParamsReduction,
                MetricOriginal = result.OriginalMetric, MetricBest = result.BestMetric, result.CandidatesScored,
                Weights = result.Weights.Describe(), WeightsSeeded = result.Weights.Filled,
                Mutations = result.Mutations.Select(m => m.ToString()).ToList(),
            }));
            return 0;
        }

        foreach (var mutation in result.Mutations)
        {
            await output.WriteLineAsync($"  {mutation}");
        }

        var wrote = outPath is null ? "" : $"\nwrote   {outPath}";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"scorer  {result.Scorer}\nmacs    {result.Original.TotalMacs:N0} -> {result.Best.TotalMacs:N0} ({Units.Change(result.MacReduction)})\n" +
            $"params  {result.Original.TotalParams:N0} -> {result.Best.TotalParams:N0} ({Units.Change(result.ParamsReduction)})\n" +
            $"metric  {result.OriginalMetric:F4} -> {result.BestMetric:F4} ({result.Mutations.Count} mutations, {result.CandidatesScored} candidates scored)\n" +
            $"weights {result.Weights.Describe()}{wrote}"));
        return 0;
    }
}

/// <summary>What <c>mutate</c> was asked to do, as given on the command line.</summary>
public sealed record MutateSettings(
    string Model, IReadOnlyList<string> Inputs, int Seed, int Steps, int Candidates, string? Out, bool Json,
    string Scorer, string Retained, string? Train, string? Task, int TrainSize, int Epochs, string? MaxStepCut = null, string? StepRule = null);
