using System.Globalization;
using System.Text.Json;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Bench.Supernet;

/// <summary>Picks the supernet benchmarks a mode asks for; the fidelity table reuses the accuracy run's supernet.</summary>
public static class SupernetBenchSuite
{
    /// <param name="arguments">May hold <c>--epochs N</c> (the accuracy run's budget), <c>--random-subnets N</c> (the accuracy run's random subnets per sandwich step, default 2), <c>--student-losses mean|sum</c> (the accuracy run's student weighting, default mean), <c>--no-projection</c> (the accuracy run sums the gradients instead of projecting), <c>--shared-resolution</c> (the accuracy run draws one resolution per step for all its subnets, OFA), <c>--kernel-transforms</c> (the accuracy run's supernet has OFA's kernel transformation), <c>--no-fidelity</c>, <c>--threads N</c>
    /// (torch threads, default 2), <c>--images N</c> (supernet-recipe's training images), <c>--eval-images N</c> (validation images), <c>--rows a,b</c> (supernet-recipe's rows whose names contain a or b), <c>--space S</c> (the accuracy run's space),
    /// <c>--save-checkpoint PATH</c> (the accuracy run's supernet, written before its controls train), <c>--no-controls</c> (supernet-accuracy without the two stand-alone controls), <c>--checkpoint PATH</c> (supernet-fidelity's supernet), <c>--interim</c> (supernet-fidelity over the subnets the truth records complete, training none), <c>--calibration-batches N</c> (supernet-fidelity: 256-image batches of BN recalibration per subnet, default 4), <c>--fidelity-subnets N</c>, <c>--standalone-images N</c>, <c>--standalone-epochs N</c>, <c>--truth-records PATH</c> (JSON lines of stand-alone trainings, read back on a rerun), <c>--shard K/N</c> (supernet-truth: this process's share of the strata), <c>--report</c> (supernet-truth: the table over the record file, no training) and <c>--json</c> (supernet-accuracy: <see cref="SupernetAccuracyFigures"/> on stdout).</param>
    /// <param name="json">The accuracy figures as JSON when asked for, else null.</param>
    public static IReadOnlyList<BenchTable> Run(string which, bool quick, IReadOnlyList<string> arguments, out string? json)
    {
        json = null;
        if (!which.StartsWith("supernet", StringComparison.Ordinal))
        {
            return [];
        }

        var options = SupernetBenchOptions.Default(quick);
        if (Value(arguments, "--threads") is { } threads)
        {
            options = options with { Threads = threads };
        }

        if (Value(arguments, "--images") is { } images)
        {
            options = options with { RecipeImages = images };
        }

        if (arguments.SkipWhile(a => a != "--rows").Skip(1).FirstOrDefault() is { } rows)
        {
            options = options with { RecipeRows = rows.Split(',') };
        }

        if (Value(arguments, "--eval-images") is { } evaluation)
        {
            options = options with { EvaluationImages = evaluation };
        }

        if (Text(arguments, "--space") is { } space)
        {
            options = options with { Accuracy = options.Accuracy with { Space = space } };
        }

        if (Value(arguments, "--fidelity-subnets") is { } subnets)
        {
            options = options with { FidelitySubnets = subnets };
        }

        if (Text(arguments, "--truth-records") is { } records)
        {
            options = options with { TruthRecords = records };
        }

        if (Value(arguments, "--standalone-epochs") is { } standaloneEpochs)
        {
            options = options with { StandaloneEpochs = standaloneEpochs };
        }

        if (Value(arguments, "--standalone-images") is { } standaloneImages)
        {
            options = options with { StandaloneImages = standaloneImages };
        }

        if (Value(arguments, "--calibration-batches") is { } calibration)
        {
            options = calibration >= 1 ? options with { CalibrationBatches = calibration } : throw new ArgumentException($"--calibration-batches takes a count of 256-image batches, at least 1; got {calibration}.");
        }

        if (Value(arguments, "--epochs") is { } epochs)
        {
            options = options with { Accuracy = options.Accuracy with { Epochs = epochs } };
        }

        if (Value(arguments, "--random-subnets") is { } randomSubnets)
        {
            options = options with { Accuracy = options.Accuracy with { RandomSubnets = randomSubnets } };
        }

        if (Text(arguments, "--student-losses") is { } studentLosses)
        {
            var averaged = studentLosses switch
            {
                "mean" => true,
                "sum" => false,
                _ => throw new ArgumentException($"--student-losses takes mean (each student weighs 1/n) or sum (each weighs 1, as BigNAS); got '{studentLosses}'."),
            };
            options = options with { Accuracy = options.Accuracy with { Sandwich = options.Accuracy.SandwichOrDefault with { StudentLossAveraging = averaged } } };
        }

        if (arguments.Contains("--kernel-transforms"))
        {
            options = options with { Accuracy = options.Accuracy with { KernelTransforms = true } };
        }

        if (arguments.Contains("--shared-resolution"))
        {
            options = options with { Accuracy = options.Accuracy with { Sandwich = options.Accuracy.SandwichOrDefault with { SharedResolution = true } } };
        }

        if (arguments.Contains("--no-projection"))
        {
            options = options with { Accuracy = options.Accuracy with { GradientProjection = false } };
        }

        TorchEnvironment.Initialise(new TorchOptions { Threads = options.Threads, Device = TorchDeviceKind.Cpu });
        var tables = new List<BenchTable>();
        if (which is "supernet" or "supernet-accuracy")
        {
            var controls = !arguments.Contains("--no-controls");
            if (!controls && arguments.Contains("--json"))
            {
                throw new ArgumentException("--json prints the stand-alone controls' top-1, which --no-controls skips; drop one of them.");
            }

            var (accuracy, experiment, data, figures) = SupernetBenchmarks.Accuracy(options, Text(arguments, "--save-checkpoint"), controls);
            tables.Add(accuracy);
            accuracy.Print(Console.Error);

            using (experiment)
            {
                if (!arguments.Contains("--no-fidelity"))
                {
                    var (fidelity, srcc) = SupernetBenchmarks.Fidelity(options, experiment, data);
                    tables.Add(fidelity);
                    figures = figures with { FidelitySrcc = srcc };
                }
            }

            json = arguments.Contains("--json") ? JsonSerializer.Serialize(figures) : null;
        }

        if (which is "supernet-fidelity")
        {
            var path = Text(arguments, "--checkpoint") ?? throw new ArgumentException("supernet-fidelity needs --checkpoint PATH, written by supernet-accuracy --save-checkpoint PATH.");
            var (experiment, data) = SupernetBenchmarks.Restore(options, File.ReadAllBytes(path));
            using (experiment)
            {
                tables.Add(SupernetBenchmarks.Fidelity(options, experiment, data, interim: arguments.Contains("--interim")).Table);
            }
        }

        if (which is "supernet-truth")
        {
            tables.Add(SupernetBenchmarks.TruthTable(options, Shard(arguments), train: !arguments.Contains("--report")));
        }

        if (which is "supernet" or "supernet-speed")
        {
            tables.Add(SupernetBenchmarks.Speed(options));
        }

        if (which is "supernet-optimizer")
        {
            tables.Add(SupernetBenchmarks.Optimizers(options));
        }

        if (which is "supernet" or "supernet-ablation")
        {
            tables.Add(SupernetBenchmarks.Ablation(options));
        }

        if (which is "supernet-recipe")
        {
            tables.Add(SupernetRecipeBench.Run(options));
        }

        return tables;
    }

    /// <summary><c>--shard K/N</c>: this process trains every N-th stratum of the visiting order, starting at the K-th (0-based).</summary>
    private static (int Index, int Count)? Shard(IReadOnlyList<string> arguments)
    {
        if (Text(arguments, "--shard") is not { } text)
        {
            return null;
        }

        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var index) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var count) || count < 1 || index < 0 || index >= count)
        {
            throw new ArgumentException($"--shard takes K/N with 0 <= K < N, e.g. 0/2; got '{text}'.");
        }

        return (index, count);
    }

    private static int? Value(IReadOnlyList<string> arguments, string name) =>
        Text(arguments, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    private static string? Text(IReadOnlyList<string> arguments, string name) =>
        arguments.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
