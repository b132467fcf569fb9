using NasPipeline.TorchRuntime;

namespace NasPipeline.Bench.Supernet;

/// <summary>Picks the supernet benchmarks a mode asks for; the fidelity table reuses the accuracy run's supernet.</summary>
public static class SupernetBenchSuite
{
    /// <param name="arguments">May hold <c>--epochs N</c> (the accuracy run's budget) and <c>--no-fidelity</c>.</param>
    public static IReadOnlyList<BenchTable> Run(string which, bool quick, IReadOnlyList<string> arguments)
    {
        if (!which.StartsWith("supernet", StringComparison.Ordinal))
        {
            return [];
        }

        TorchEnvironment.Initialise(new TorchOptions { Threads = 2, Device = TorchDeviceKind.Cpu });
        var options = SupernetBenchOptions.Default(quick);
        var epochs = arguments.SkipWhile(a => a != "--epochs").Skip(1).FirstOrDefault();
        if (epochs is not null)
        {
            options = options with { Accuracy = options.Accuracy with { Epochs = int.Parse(epochs, System.Globalization.CultureInfo.InvariantCulture) } };
        }

        var tables = new List<BenchTable>();
        if (which is "supernet" or "supernet-accuracy")
        {
            var (accuracy, experiment, data) = SupernetBenchmarks.Accuracy(options);
            tables.Add(accuracy);
            accuracy.Print(Console.Error);
            using (experiment)
            {
                if (!arguments.Contains("--no-fidelity"))
                {
                    tables.Add(SupernetBenchmarks.Fidelity(options, experiment, data));
                }
            }
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

        return tables;
    }
}
