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

    public static string Objective(Objective o) => $"{(o.Direction == ObjectiveDirection.Maximize ? "max" : "min")} {o.Name}";

    /// <summary>The budget a search started with, in the words of <c>submit</c>'s options.</summary>
    public static string Budget(SearchStarted s) =>
        $"population {s.Population}, generations {s.Generations}, iterations {s.Iterations}, adapt {s.AdaptPerIteration}, initial {s.InitialSamples}";

    /// <summary>A task's predictor as the run took it up: kind, version, SRCC and where it came from.</summary>
    public static string Predictor(AdapterTrained a) => FormattableString.Invariant(
        $"{a.Model} v{a.Version} ({a.SampleCount} samples, SRCC {a.ValidationSrcc:F3}){(a.Source is { Length: > 0 } source ? $", {source}" : "")}");

    public static string Constraint(Constraint c) =>
        $"{c.Quantity} {(c.Operator == ConstraintOperator.AtMost ? "<=" : ">=")} {c.Value:G6}{(c.RelativeToSubmitted ? " x submitted" : "")}";
}
