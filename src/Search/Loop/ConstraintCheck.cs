using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Loop;

/// <summary>
/// The one reading of a constraint, for both searches: the bound is the constraint's value, times the submitted
/// network's own figure when the constraint is relative; the violation is <c>g = (q - bound) / |bound|</c> for at-most
/// (the reverse for at-least), so g &lt;= 0 means satisfied and constraints of different units compare.
/// </summary>
public static class ConstraintCheck
{
    public static double Bound(Constraint constraint, double submittedFigure) =>
        constraint.RelativeToSubmitted ? constraint.Value * submittedFigure : constraint.Value;

    public static double Violation(Constraint constraint, double value, double submittedFigure)
    {
        var bound = Bound(constraint, submittedFigure);
        var excess = (value - bound) / (Math.Abs(bound) > 0 ? Math.Abs(bound) : 1.0);
        return constraint.Operator == ConstraintOperator.AtMost ? excess : -excess;
    }

    /// <summary>Whether the member meets the constraint; false when either figure is unknown.</summary>
    public static bool Satisfies(FrontMember member, FrontMember submitted, Constraint constraint) =>
        member.Objectives.TryGetValue(constraint.Quantity, out var value) && submitted.Objectives.TryGetValue(constraint.Quantity, out var reference)
        && Violation(constraint, value, reference) <= 0;

    /// <summary>The member's constrained quantity in the constraint's terms: a factor of the submitted network's figure
    /// when the constraint is relative.</summary>
    public static double? InTermsOf(FrontMember member, FrontMember submitted, Constraint constraint) =>
        member.Objectives.TryGetValue(constraint.Quantity, out var value)
            ? constraint.RelativeToSubmitted
                ? submitted.Objectives.TryGetValue(constraint.Quantity, out var reference) && reference != 0 ? value / reference : null
                : value
            : null;
}
