using System.Globalization;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Search.Loop;

/// <summary>
/// The run's objectives and constraints over a candidate's metrics (predicted or measured) and exact cost.
/// Objectives: the submission's, task metrics maximised and macs/params/latency minimised (latency in milliseconds, as
/// the Predict stage timed it); fewer than two get macs added. Constraints: <c>g = (q - bound) / |bound|</c>
/// as <see cref="ConstraintCheck"/> reads them. <c>measured</c> says whether <c>metrics</c> answers with a
/// measurement, for the values' provenance.
/// </summary>
internal sealed class ObjectiveSpace
{
    private readonly Func<string, IReadOnlyDictionary<string, double>?> _metrics;
    private readonly Func<string, ArchitectureCost> _cost;
    private readonly Func<string, bool> _measured;
    private readonly Func<string, MeasuredLatency?> _latency;
    private readonly Dictionary<Constraint, double> _references = [];
    private readonly string _submitted;

    public ObjectiveSpace(
        ModelSubmitted submission, Func<string, IReadOnlyDictionary<string, double>?> metrics, Func<string, ArchitectureCost> cost, string submittedCandidate,
        Func<string, bool> measured, Func<string, MeasuredLatency?> latency)
    {
        _metrics = metrics;
        _cost = cost;
        _measured = measured;
        _latency = latency;
        var objectives = submission.Objectives.ToList();
        if (objectives.Count == 0)
        {
            objectives.AddRange(submission.Tasks.Select(t => new Objective(t, ObjectiveDirection.Maximize)));
        }

        if (objectives.Count < 2 && objectives.All(o => o.Name != CostNames.Macs))
        {
            objectives.Add(new Objective(CostNames.Macs, ObjectiveDirection.Minimize));
        }

        Objectives = objectives;
        Constraints = submission.Constraints.ToList();
        _submitted = submittedCandidate;
    }

    public IReadOnlyList<Objective> Objectives { get; }

    public IReadOnlyList<Constraint> Constraints { get; }

    /// <summary>Whether a candidate needs its latency timed before it can be ranked or checked.</summary>
    public bool NeedsLatency => NeedsLatencyFor(Objectives, Constraints);

    public static bool NeedsLatencyFor(IEnumerable<Objective> objectives, IEnumerable<Constraint> constraints) =>
        objectives.Any(o => o.Name == CostNames.Latency) || constraints.Any(c => c.Quantity == CostNames.Latency);

    /// <summary>Objectives as NSGA-III minimises them (metrics negated) and the constraint values.</summary>
    public (double[] Objectives, double[] Constraints) Evaluate(string candidate) => (
        Objectives.Select(o => o.Direction == ObjectiveDirection.Maximize ? -Quantity(candidate, o.Name) : Quantity(candidate, o.Name)).ToArray(),
        Constraints.Select(c => Violation(candidate, c)).ToArray());

    /// <summary>The objectives by name, as the user reads them (metrics not negated).</summary>
    public IReadOnlyDictionary<string, double> Named(string candidate) =>
        Objectives.ToDictionary(o => o.Name, o => Quantity(candidate, o.Name), StringComparer.Ordinal);

    /// <summary>Where each of <see cref="Named"/>'s values comes from: MACs and params are counted from the architecture;
    /// a metric is measured when <c>metrics</c> answers with the candidate's measurement, else predicted.</summary>
    public IReadOnlyDictionary<string, ValueOrigin> Origins(string candidate) =>
        Objectives.ToDictionary(o => o.Name, o => o.Name switch
        {
            CostNames.Macs or CostNames.Params => ValueOrigin.Exact,
            CostNames.Latency => ValueOrigin.Measured,
            _ => _measured(candidate) ? ValueOrigin.Measured : ValueOrigin.Predicted,
        }, StringComparer.Ordinal);

    public bool Satisfies(string candidate, Constraint constraint) => Violation(candidate, constraint) <= 0;

    /// <summary>The constrained quantity of the candidate that comes closest to meeting the constraint, in the
    /// constraint's terms (a factor of the submitted point's figure when relative); ties go to the first.</summary>
    public double Closest(IEnumerable<string> candidates, Constraint constraint)
    {
        var closest = candidates.MinBy(c => Violation(c, constraint))
            ?? throw new InvalidOperationException("No candidate to compare with the constraint.");
        var reference = Reference(constraint);
        return Quantity(closest, constraint.Quantity) / (Math.Abs(reference) > 0 ? reference : 1.0);
    }

    public static string Label(Constraint c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.Quantity}{(c.Operator == ConstraintOperator.AtMost ? "<=" : ">=")}{c.Value}{(c.RelativeToSubmitted ? "x" : "")}");

    private double Violation(string candidate, Constraint constraint) =>
        ConstraintCheck.Violation(constraint, Quantity(candidate, constraint.Quantity), Reference(constraint));

    /// <summary>What a relative bound multiplies: the submitted point's figure, read when first needed (its latency is
    /// timed with the initial archive, after this space is made).</summary>
    private double Reference(Constraint constraint)
    {
        if (!_references.TryGetValue(constraint, out var reference))
        {
            reference = _references[constraint] = constraint.RelativeToSubmitted ? Quantity(_submitted, constraint.Quantity) : 1.0;
        }

        return reference;
    }

    private double Quantity(string candidate, string name) => name switch
    {
        CostNames.Macs => _cost(candidate).Macs,
        CostNames.Params => _cost(candidate).Params,
        CostNames.Latency => _latency(candidate)?.MedianMs
            ?? throw new InvalidOperationException($"{candidate} has no latency recorded; the search asks for it before ranking."),
        _ => _metrics(candidate)?.GetValueOrDefault(name) ?? 0.0,
    };
}
