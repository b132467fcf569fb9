using System.Globalization;
using System.Text.Json;
using NasPipeline.ComputationGraph;
using NasPipeline.Search.Mutation;

namespace NasPipeline.Cli.Commands;

/// <summary>AIO-P mutation search on a local ONNX file, no server. Scorer: the params-saturation stand-in, or a GNN
/// trained here on a labelled dataset (<c>--scorer gnn --train DATA.jsonl --task METRIC</c>).</summary>
public static class MutateCommand
{
    public const string Usage =
        "mutate MODEL.onnx [--input 1x3x224x224]... [--seed N] [--steps 60] [--candidates 8] [--out MUTANT.onnx] [--json] " +
        "[--scorer stand-in [--retained 0.9] | --scorer gnn --train DATA.jsonl --task METRIC [--train-size 1000] [--epochs 100]]";

    public static async Task<int> RunAsync(CliArgs args, TextWriter output)
    {
        var path = args.Positional(1, "the ONNX file");
        var shapes = args.Options("input");
        var seed = args.IntOption("seed", 0);
        var steps = args.IntOption("steps", 60);
        var candidates = args.IntOption("candidates", 8);
        var retainedText = args.Option("retained") ?? "0.9";
        var outPath = args.Option("out");
        var json = args.Flag("json");
        var scorerKind = args.Option("scorer") ?? "stand-in";
        var train = args.Option("train");
        var task = args.Option("task");
        var trainSize = args.IntOption("train-size", 1000);
        var epochs = args.IntOption("epochs", 100);
        args.RejectUnknown();
        if (scorerKind is not ("stand-in" or "gnn") || (scorerKind == "gnn" && (train is null || task is null)))
        {
            throw new CliUsageException($"--scorer is stand-in or gnn (with --train DATA.jsonl --task METRIC); try: nasp {Usage}");
        }
        if (!File.Exists(path))
        {
            throw new CliUsageException($"No such file: {path}");
        }

        if (!double.TryParse(retainedText, CultureInfo.InvariantCulture, out var retained) || retained is <= 0 or > 1)
        {
            throw new CliUsageException($"--retained must be in (0, 1], not '{retainedText}'.");
        }

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
            result = search.Run(bytes, new MutationSearchOptions(extraction, seed) { Steps = steps, CandidatesPerStep = candidates });
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
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                model = path, seed, scorer = result.Scorer,
                macs_original = result.Original.TotalMacs, macs_best = result.Best.TotalMacs, mac_reduction = result.MacReduction,
                params_original = result.Original.TotalParams, params_best = result.Best.TotalParams, params_reduction = result.ParamsReduction,
                metric_original = result.OriginalMetric, metric_best = result.BestMetric,
                candidates_scored = result.CandidatesScored,
                weights = result.Weights.Describe(), weights_seeded = result.Weights.Filled,
                mutations = result.Mutations.Select(m => m.ToString()).ToList(),
            }, CliJson.Options));
            return 0;
        }

        foreach (var mutation in result.Mutations)
        {
            await output.WriteLineAsync($"  {mutation}");
        }

        var wrote = outPath is null ? "" : $"\nwrote   {outPath}";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"scorer  {result.Scorer}\nmacs    {result.Original.TotalMacs:N0} -> {result.Best.TotalMacs:N0} (-{result.MacReduction:P2})\n" +
            $"params  {result.Original.TotalParams:N0} -> {result.Best.TotalParams:N0} (-{result.ParamsReduction:P2})\n" +
            $"metric  {result.OriginalMetric:F4} -> {result.BestMetric:F4} ({result.Mutations.Count} mutations, {result.CandidatesScored} candidates scored)\n" +
            $"weights {result.Weights.Describe()}{wrote}"));
        return 0;
    }
}
