using System.CommandLine;
using System.Globalization;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Predictors.Encoding;
using NasPipeline.Predictors.Evaluation;
using NasPipeline.RunResults.Plots;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// <c>predictor</c>: <c>eval</c> trains and scores predictors on an architecture dataset with the train-N / test-the-rest
/// protocol; <c>train</c> and <c>list</c> (<see cref="PredictorTrainCommand"/>) register a task's starting predictor.
/// </summary>
public static class PredictorCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The architecture dataset (`nasp data import`).", HelpName = "DATA.jsonl", Required = true };
        var task = new Option<string>("--task") { Description = "The dataset's metric to predict.", HelpName = "METRIC", Required = true };
        var model = new Option<string>("--model") { Description = "The predictor: ridge, rbf, gnn or gnn-adapter.", HelpName = "ridge|rbf|gnn|gnn-adapter", DefaultValueFactory = _ => "rbf" };
        var trainSize = CliOptions.Int("--train-size", 100, "Architectures trained on per seed (the rest are the test set; 0 with gnn-adapter is zero-shot).");
        var seeds = CliOptions.Int("--seeds", 5, "How many seeds (splits) to average over.", "S");
        var firstSeed = CliOptions.Int("--first-seed", 0, "The first seed; the others follow it.", "F");
        var json = CliOptions.Json("Print the result as JSON (fields srcc, kendall, mae and their _std).");
        var plot = CliOptions.Text("--plot", "Also draw predicted against true values on each seed's test split as SVG.", "FILE.svg");
        var gnn = new GnnOptions();
        var eval = new Command("eval", "Train on N random architectures per seed, test on the rest: mean and std of SRCC, Kendall tau-b and MAE.")
        {
            data, task, model, trainSize, seeds, firstSeed, json, plot,
        };
        gnn.AddTo(eval);
        eval.Options.Add(DeviceOption.Create());
        eval.SetCliAction((parse, output, cancellationToken) =>
        {
            var modelName = parse.GetValue(model) ?? "rbf";
            return EvalAsync(parse.GetRequiredValue(data), parse.GetRequiredValue(task), modelName, parse.GetValue(trainSize), parse.GetValue(seeds),
                parse.GetValue(firstSeed), gnn.Read(parse, modelName), parse.GetValue(json), parse.GetValue(plot), output, cancellationToken);
        });
        return new Command("predictor", "Evaluate predictors on a dataset, train and register a task's starting predictor, list what is registered.")
        {
            eval, PredictorTrainCommand.CreateTrain(), PredictorTrainCommand.CreateList(),
        };
    }

    internal static async Task<int> EvalAsync(
        string data, string task, string model, int trainSize, int seedCount, int firstSeed, GnnEvalSettings? gnn, bool json, string? plot, TextWriter output,
        CancellationToken cancellationToken)
    {
        if (seedCount < 1)
        {
            throw new CliUsageException("--seeds must be at least 1.");
        }

        var graphs = model is "gnn" or "gnn-adapter";
        var pretrainTask = gnn is { Adapter: true } ? gnn.PretrainTask : null;
        var rows = PredictorData.Load(data, task, record => new PredictorRow(graphs ? null : record.Encoding, record.Metrics[task],
            pretrainTask is not null && record.Metrics.TryGetValue(pretrainTask, out var pretrainLabel) ? pretrainLabel : null));
        var labels = rows.Select(r => r.Label).ToList();
        var seeds = Enumerable.Range(firstSeed, seedCount).ToList();
        Action<SeedResult> report = r => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {r.Seed}: train {r.TrainSize}, test {r.TestSize}: SRCC {r.Srcc:F4}, Kendall {r.Kendall:F4}, MAE {r.Mae:F4}"));
        EvaluationSummary summary;
        try
        {
            var encodings = rows.Select(r => r.Encoding!).ToList();
            summary = model switch
            {
                "ridge" => PredictorEvaluation.Run(encodings, labels, _ => new OneHotRidgePredictor(), trainSize, seeds, report),
                "rbf" => PredictorEvaluation.Run(encodings, labels, seed => new OrdinalRbfPredictor(members: 500, seed), trainSize, seeds, report),
                "gnn" or "gnn-adapter" => GnnEvalRunner.Run(rows, labels, data, task, gnn!, trainSize, seeds, report),
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
            await output.WriteLineAsync(CliJson.Serialize(new
            {
                data, task, model, trainSize, Seeds = seedCount, firstSeed, Architectures = rows.Count,
                Pretrain = gnn?.PretrainData, gnn?.PretrainTask, LabelTransform = gnn?.TransformName, gnn?.Training.Epochs,
                Srcc = summary.Srcc.Mean, SrccStd = summary.Srcc.Std,
                Kendall = summary.Kendall.Mean, KendallStd = summary.Kendall.Std,
                Mae = summary.Mae.Mean, MaeStd = summary.Mae.Std,
            }));
            return 0;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{model} on {task}, {rows.Count} architectures, train {trainSize}, {seedCount} seeds: " +
            $"SRCC {summary.Srcc.Mean:F4} ± {summary.Srcc.Std:F4}, Kendall {summary.Kendall.Mean:F4} ± {summary.Kendall.Std:F4}, " +
            $"MAE {summary.Mae.Mean:F4} ± {summary.Mae.Std:F4}"));
        return 0;
    }
}
