using FluentValidation;

namespace NasPipeline.Latency;

/// <summary>
/// How a candidate is timed (section <c>Latency</c>, e.g. <c>Latency__Threads=1</c>): ONNX Runtime's intra-op threads,
/// untimed warm-up runs (allocations, first-call caches), and the timed runs whose median is the figure.
/// One thread by default: the stages share the machine, and a single-threaded figure is the least disturbed by them.
/// Small subnets run in a fraction of a millisecond, so the median is taken over many runs (about 30 ms per subnet here).
/// </summary>
public sealed record LatencySettings(int Threads = 1, int WarmupRuns = 10, int TimedRuns = 101);

public sealed class LatencySettingsValidator : AbstractValidator<LatencySettings>
{
    public LatencySettingsValidator()
    {
        RuleFor(s => s.Threads).InclusiveBetween(1, 256).WithMessage("Latency__Threads must be between 1 and 256.");
        RuleFor(s => s.WarmupRuns).InclusiveBetween(0, 1_000).WithMessage("Latency__WarmupRuns must be between 0 and 1000.");
        RuleFor(s => s.TimedRuns).InclusiveBetween(1, 10_000).WithMessage("Latency__TimedRuns must be between 1 and 10000.");
    }
}
