using System.Globalization;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Hosting.Projections;

/// <summary>How submission parts read in summaries; shared by both projections so they never disagree.</summary>
public static class RunText
{
    public static string Model(ModelSubmitted e) => e switch
    {
        { Onnx: { } onnx } => $"onnx:{onnx.FileName}",
        { Point: { } point } => $"{point.Space}:[{string.Join(",", point.Encoding ?? [])}]",
        _ => "?",
    };

    /// <summary>Null-safe: a rejected submission from another client is recorded as it came, null elements and all.</summary>
    public static string Objective(Objective? o) => o is null ? "?" : $"{(o.Direction == ObjectiveDirection.Maximize ? "max" : "min")} {o.Name}";

    /// <summary>The budget a search started with, in the words of <c>submit</c>'s options.</summary>
    public static string Budget(SearchStarted s) =>
        $"population {s.Population}, generations {s.Generations}, iterations {s.Iterations}, adapt {s.AdaptPerIteration}, initial {s.InitialSamples}"
        + (s.PseudoLabels is > 0 ? $", pseudo-labels {s.PseudoLabels}" : "");

    /// <summary>A task's predictor as the run took it up: kind, version, SRCC and where it came from.</summary>
    public static string Predictor(AdapterTrained a) => FormattableString.Invariant(
        $"{a.Model} v{a.Version} ({a.SampleCount} samples, SRCC {a.ValidationSrcc:F3}){(a.Source is { Length: > 0 } source ? $", {source}" : "")}");

    public static string Constraint(Constraint? c) => c is null
        ? "?"
        : $"{c.Quantity} {(c.Operator == ConstraintOperator.AtMost ? "<=" : ">=")} {c.Value:G6}{(c.RelativeToSubmitted ? " x submitted" : "")}";

    /// <summary>The run's status as a person reads it: a completed run whose constraints no network met says so,
    /// e.g. "completed — infeasible: no network meets macs&lt;=0.01x (best has 0.42x)".</summary>
    public static string Status(RunSummary s) =>
        s.Infeasible.Count == 0 ? s.Status.ToDisplay() : $"{s.Status.ToDisplay()} — infeasible: {string.Join("; ", s.Infeasible)}";

    /// <summary>"no network meets macs&lt;=0.01x (best has 0.42x)": the closest figure is a factor of the submitted
    /// network's when the constraint's label ends in x (relative), else the quantity itself.</summary>
    public static string Infeasible(ConstrainedBest b)
    {
        var relative = b.Constraint.EndsWith('x');
        var closest = b.Closest switch
        {
            null => "",
            { } v when relative => string.Create(CultureInfo.InvariantCulture, $" (best has {v:G2}x)"),
            { } v => string.Create(CultureInfo.InvariantCulture, $" (best has {v:#,0.##})"),
        };
        return $"no network meets {b.Constraint}{closest}";
    }
}
