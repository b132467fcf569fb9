using System.Globalization;
using NasPipeline.Fna.Adaptation;
using NasPipeline.Vision.Training;

namespace NasPipeline.Cli.Commands;

/// <summary>Progress lines of the FNA commands, every 10 steps and at each epoch's end.</summary>
internal static class FnaProgress
{
    public static IProgress<TrainingProgress> Training(string what, TextWriter error) => new Synchronous<TrainingProgress>(p =>
    {
        if (p.Step % 10 == 0 || p.Step % p.StepsPerEpoch == 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: epoch {p.Epoch + 1} step {p.Step}/{p.StepsPerEpoch * (p.Epoch + 1)} loss {p.Loss:F4}"));
        }
    });

    public static IProgress<ArchitectureAdaptationProgress> Search(TextWriter error) => new Synchronous<ArchitectureAdaptationProgress>(p =>
    {
        if (p.Step % 10 == 0 || p.Step % p.StepsPerEpoch == 0)
        {
            var macs = p.ExpectedMacs is { } m ? $" E[MACs] {m:N0}" : " (warm-up: weights only)";
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search: epoch {p.Epoch + 1} step {p.Step} loss {p.WeightLoss:F4}{macs}"));
        }
    });

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and print out of order).</summary>
    private sealed class Synchronous<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
