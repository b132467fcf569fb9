using System.Globalization;
using System.Text.RegularExpressions;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Cli;

/// <summary>Reads objectives ("max:classification", "min:macs") and constraints ("macs<=0.8x", "params<=5e6").</summary>
public static partial class SubmissionOptions
{
    [GeneratedRegex(@"^\s*([a-z][a-z0-9_-]*)\s*(<=|>=)\s*([0-9.eE+-]+)\s*(x?)\s*$")]
    private static partial Regex ConstraintPattern();

    public static Objective ParseObjective(string text)
    {
        var parts = text.Split(':', 2);
        if (parts.Length != 2 || parts[0] is not ("max" or "min") || parts[1].Length == 0)
        {
            throw new CliUsageException($"Objective '{text}' must look like max:classification or min:macs.");
        }

        return new Objective(parts[1], parts[0] == "max" ? ObjectiveDirection.Maximize : ObjectiveDirection.Minimize);
    }

    public static Constraint ParseConstraint(string text)
    {
        var match = ConstraintPattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[3].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new CliUsageException($"Constraint '{text}' must look like macs<=0.8x (relative to the submitted model) or params<=5e6.");
        }

        return new Constraint(
            match.Groups[1].Value,
            match.Groups[2].Value == "<=" ? ConstraintOperator.AtMost : ConstraintOperator.AtLeast,
            value,
            match.Groups[4].Value == "x");
    }

    /// <summary><c>--max-drop D</c>: a number in the tasks' metric units (the validator checks its range).</summary>
    public static double ParseMaxDrop(string text) =>
        Number(text, $"--max-drop takes a number in the tasks' metric units (e.g. 0.005 for half a top-1 point), not '{text}'.");

    /// <summary><c>--max-step-cut F</c>: a fraction of the current network's MACs (the validator checks its range).</summary>
    public static double ParseMaxStepCut(string text) =>
        Number(text, $"--max-step-cut takes a fraction of the current network's MACs (e.g. 0.03), not '{text}'.");

    /// <summary><c>--spread-tolerance K</c>: a number of the predictor's spreads (the validator checks its range).</summary>
    public static double ParseSpreadTolerance(string text) =>
        Number(text, $"--spread-tolerance takes a number of the predictor's spreads (e.g. 1), not '{text}'.");

    /// <summary><c>--fna [--cost-weight L] [--target-macs 0.8x|N]</c>; null without <c>--fna</c>, where the other two are refused.</summary>
    public static FnaOptions? Fna(bool fna, string? costWeight, string? targetMacs)
    {
        if (!fna)
        {
            return costWeight is null && targetMacs is null
                ? null
                : throw new CliUsageException("--cost-weight and --target-macs steer FNA: give --fna with them.");
        }

        var target = targetMacs is null ? null : Commands.TargetMacs.Parse(targetMacs);
        return new FnaOptions(
            costWeight is null ? FnaOptions.DefaultCostWeight : Number(costWeight, $"--cost-weight takes a number (λ, e.g. 0.5), not '{costWeight}'."),
            target?.Factor, target?.Count);
    }

    private static double Number(string text, string refusal) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new CliUsageException(refusal);

    /// <summary><c>--step-rule headroom|spread</c>.</summary>
    public static MutationStepRule ParseStepRule(string text) =>
        Enum.GetValues<MutationStepRule>().Where(r => string.Equals(r.ToString(), text, StringComparison.OrdinalIgnoreCase)).Cast<MutationStepRule?>().FirstOrDefault()
        ?? throw new CliUsageException($"--step-rule is headroom or spread, not '{text}'.");

    /// <summary>The submission's own search budget from --population, --generations, --iterations, --adapt, --initial and
    /// --pseudo-labels; null when none is given, and each part not given is left to the Search stage's configuration.</summary>
    public static SearchBudget? Budget(int? population, int? generations, int? iterations, int? adapt, int? initial, int? pseudoLabels = null)
    {
        var budget = new SearchBudget(population, generations, iterations, adapt, initial, pseudoLabels);
        return budget == new SearchBudget() ? null : budget;
    }

    /// <summary>Without objectives: every task's metric up, MACs down.</summary>
    public static IReadOnlyList<Objective> DefaultObjectives(IReadOnlyList<string> tasks) =>
        [.. tasks.Select(t => new Objective(t, ObjectiveDirection.Maximize)), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)];

    public static SearchSpacePoint ParsePoint(string text) => CandidateCodec.TryDecode(text, out var space, out var genes, out var invalid)
        ? new SearchSpacePoint(space, genes)
        : throw new CliUsageException(invalid is null
            ? $"Search-space point '{text}' must look like SPACE:1,0,2,..."
            : $"Search-space point '{text}': gene '{invalid}' is not a whole number.");
}
