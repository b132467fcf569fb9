using System.Diagnostics;
using NasPipeline.Supernet.Training;

namespace NasPipeline.Cli.Supernets;

/// <summary>Live progress of a supernet training on stderr: a line every few steps with throughput and time left.</summary>
public sealed class TrainingProgressPrinter(TextWriter error, int stepsPerEpoch, int epochs, int batchSize) : IProgress<SupernetStepReport>, IProgress<SupernetEpochReport>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _every = Math.Max(1, stepsPerEpoch / 20);
    private int _done;

    public void Report(SupernetStepReport step)
    {
        _done++;
        if (step.Step % _every != 0 && _done != stepsPerEpoch * epochs)
        {
            return;
        }

        var imagesPerSecond = _done * batchSize / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
        var left = TimeSpan.FromSeconds(((stepsPerEpoch * epochs) - _done) * batchSize / Math.Max(1e-9, imagesPerSecond));
        error.WriteLine(FormattableString.Invariant(
            $"epoch {step.Epoch + 1}/{epochs} step {step.Step + 1}/{stepsPerEpoch}: loss {step.Loss:F4}, distillation {step.DistillationLoss:F4}, conflict {step.GradientConflict:P0}, {imagesPerSecond:F0} images/s, {left:hh\\:mm\\:ss} left"));
    }

    public void Report(SupernetEpochReport epoch) => error.WriteLine(FormattableString.Invariant(
        $"epoch {epoch.Epoch + 1}/{epochs} done: loss {epoch.MeanLoss:F4}, distillation {epoch.MeanDistillationLoss:F4}, gradient-conflict rate {epoch.GradientConflictRate:P1}, {epoch.Seconds:F0} s"));
}
