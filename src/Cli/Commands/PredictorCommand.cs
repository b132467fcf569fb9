using System.Globalization;
using System.Text.Json;
using NasPipeline.Predictors.Encoding;
using NasPipeline.Predictors.Evaluation;
using NasPipeline.RunResults.Plots;

namespace NasPipeline.Cli.Commands;

/// <summary>Trains and scores predictors on an architecture dataset with the train-N / test-the-rest protocol.</summary>
public static class PredictorCommand
{
    public const string Usage =
        "predictor eval --data DATA.jsonl --task METRIC --model ridge|rbf|gnn|gnn-adapter --train-size N [--seeds S] [--first-seed F] " +
        "[--pretrain DATA2.jsonl] [--pretrain-task T2] [--pretrain-size M] [--pretrain-epochs E2] " +
        "[--label-transform none|stand|stand_flops] [--epochs E] [--lr LR] [--batch B] [--adapters K] [--json] [--plot FILE.svg]";

    public static async Task<int> RunAsync(CliArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var verb = args.Positional(1, "a predictor verb (eval, train, list)");
        switch (verb)
        {
            case "train":
                return await PredictorTrainCommand.TrainAsync(args, output, cancellationToken);
            case "list":
                return await PredictorTrainCommand.ListAsync(args, output, cancellationToken);
            case not "eval":
                throw new CliUsageException($"Unknown predictor verb '{verb}'; try: nasp {Usage}, nasp {PredictorTrainCommand.TrainUsage} or nasp {PredictorTrainCommand.ListUsage}");
        }

        var data = args.Option("data") ?? throw new CliUsageException("Name the dataset: --data DATA.jsonl (made by `nasp data import`).");
        var task = args.Option("task") ?? throw new CliUsageException("Name the metric to predict: --task METRIC.");
        var model = args.Option("model") ?? "rbf";
        var trainSize = args.IntOption("train-size", 100);
        var seedCount = args.IntOption("seeds", 5);
        var firstSeed = args.IntOption("first-seed", 0);
        var gnn = GnnEvalSettings.Read(args, model);
        var json = args.Flag("json");
        var plot = args.Option("plot");
        args.RejectUnknown();
        if (seedCount < 1)
        {
            throw new CliUsageException("--seeds must be at least 1.");
        }

        var records = PredictorData.Load(data, task);
        var labels = records.Select(r => r.Metrics[task]).ToList();
        var seeds = Enumerable.Range(firstSeed, seedCount).ToList();
        Action<SeedResult> report = r => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {r.Seed}: train {r.TrainSize}, test {r.TestSize}: SRCC {r.Srcc:F4}, Kendall {r.Kendall:F4}, MAE {r.Mae:F4}"));
        EvaluationSummary summary;
        try
        {
            var encodings = records.Select(r => r.Encoding).ToList();
            summary = model switch
            {
                "ridge" => PredictorEvaluation.Run(encodings, labels, _ => new OneHotRidgePredictor(), trainSize, seeds, report),
                "rbf" => PredictorEvaluation.Run(encodings, labels, seed => new OrdinalRbfPredictor(members: 500, seed), trainSize, seeds, report),
                "gnn" or "gnn-adapter" => GnnEvalRunner.Run(records, labels, data, gnn!, trainSize, seeds, report),
                _ => throw new CliUsageException($"Unknown model '{model}'; this build has: ridge, rbf, gnn, gnn-adapter."),
            };
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }

        if (plot is not null)
        {
            await File.WriteAllTextAsync(plot, PredictionPlot.Svg(PredictionPlot.Title(model, task, trainSize, summary.Srcc.Mean, summary.Srcc.Std),
                summary.Seeds.Select(s => new PredictionSeries(s.Seed, s.Truth!, s.Predicted!)).ToList()), cancellationToken);
            await Console.Error.WriteLineAsync($"wrote {plot}: predicted against true for {summary.Seeds.Sum(s => s.TestSize)} test architectures");
        }

        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                data, task, model, train_size = trainSize, seeds = seedCount, first_seed = firstSeed, architectures = records.Count,
                pretrain = gnn?.PretrainData, pretrain_task = gnn?.PretrainTask, label_transform = gnn?.TransformName, epochs = gnn?.Training.Epochs,
                srcc = summary.Srcc.Mean, srcc_std = summary.Srcc.Std,
                kendall = summary.Kendall.Mean, kendall_std = summary.Kendall.Std,
                mae = summary.Mae.Mean, mae_std = summary.Mae.Std,
            }));
            return 0;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{model} on {task}, {records.Count} architectures, train {trainSize}, {seedCount} seeds: " +
            $"SRCC {summary.Srcc.Mean:F4} ± {summary.Srcc.Std:F4}, Kendall {summary.Kendall.Mean:F4} ± {summary.Kendall.Std:F4}, " +
            $"MAE {summary.Mae.Mean:F4} ± {summary.Mae.Std:F4}"));
        return 0;
    }
}
