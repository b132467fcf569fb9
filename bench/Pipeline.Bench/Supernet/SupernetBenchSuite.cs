using NasPipeline.TorchRuntime;

namespace NasPipeline.Bench.Supernet;

/// <summary>Picks the supernet benchmarks a mode asks for; the fidelity table reuses the accuracy run's supernet.</summary>
public static class SupernetBenchSuite
{
    public static IReadOnlyList<BenchTable> Run(string which, bool quick)
    {
        if (!which.StartsWith("supernet", StringComparison.Ordinal))
        {
            return [];
        }

        TorchEnvironment.Initialise(new TorchOptions { Threads = 2, Device = TorchDeviceKind.Cpu });
        var options = SupernetBenchOptions.Default(quick);
        var tables = new List<BenchTable>();
        if (which is "supernet" or "supernet-accuracy")
        {
            var (accuracy, experiment, data) = SupernetBenchmarks.Accuracy(options);
            tables.Add(accuracy);
            accuracy.Print(Console.Error);
            using (experiment)
            {
                tables.Add(SupernetBenchmarks.Fidelity(options, experiment, data));
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
