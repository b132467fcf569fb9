using System.Globalization;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Validation;
using NasPipeline.Search.Loop;

namespace NasPipeline.Cli;

/// <summary>
/// <c>replay RUN --fork --with KEY=VALUE</c>: the settings a fork changes, read before anything is started, and the
/// fork's submission made from its parent's (same model, tasks, objectives, constraints, input shapes, seed and
/// budget, with these changed).
/// </summary>
public sealed class ForkChanges
{
    public const string KeysHelp =
        "Valid --with keys: seed, population, generations, iterations, adapt, initial, pseudo-labels (whole numbers), tasks (a comma list).";

    private static readonly string[] Budget = ["population", "generations", "iterations", "adapt", "initial", "pseudo-labels"];

    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _tasks;

    private ForkChanges()
    {
    }

    public static ForkChanges Parse(IReadOnlyList<string> settings)
    {
        if (settings.Count == 0)
        {
            throw Error("--fork needs at least one --with KEY=VALUE (the setting the fork changes).");
        }

        var changes = new ForkChanges();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            var eq = setting.IndexOf('=');
            var key = eq > 0 ? setting[..eq].Trim() : throw Error($"--with '{setting}' must look like KEY=VALUE.");
            var value = setting[(eq + 1)..].Trim();
            if (!seen.Add(key))
            {
                throw Error($"--with {key} is given twice.");
            }

            if (key == "tasks")
            {
                changes._tasks = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } tasks
                    ? tasks
                    : throw Error($"--with {setting}: name at least one task.");
            }
            else if (key == "seed" || Budget.Contains(key))
            {
                changes._numbers[key] = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : throw Error($"--with {setting}: '{value}' is not a whole number.");
            }
            else
            {
                throw Error($"--with {setting}: unknown setting '{key}'.");
            }
        }

        return changes;
    }

    /// <summary>
    /// The fork's submission. Its budget starts from the one the parent's search recorded in <c>SearchStarted</c>
    /// (so the fork keeps what the parent ran with, even if the configuration changed since), else the parent's own.
    /// Objectives follow the tasks: a dropped task's objective goes, a new task's metric is maximised.
    /// </summary>
    public ModelSubmitted ApplyTo(ModelSubmitted parent, SearchStarted? parentStarted, Guid runId, DateTimeOffset submittedAt)
    {
        var budget = parentStarted is null ? parent.Budget ?? new SearchBudget() : SearchSettings.Of(parentStarted).ToBudget();
        budget = new SearchBudget(
            Number("population") ?? budget.Population,
            Number("generations") ?? budget.Generations,
            Number("iterations") ?? budget.Iterations,
            Number("adapt") ?? budget.AdaptPerIteration,
            Number("initial") ?? budget.InitialSamples,
            Number("pseudo-labels") ?? (budget.PseudoLabels is > 0 ? budget.PseudoLabels : null));
        var tasks = _tasks ?? parent.Tasks;
        var fork = parent with
        {
            RunId = runId,
            SubmittedAt = submittedAt,
            Tasks = tasks,
            Objectives = _tasks is null ? parent.Objectives : ObjectivesFor(parent.Objectives, tasks),
            Seed = Number("seed") ?? parent.Seed,
            Budget = budget == new SearchBudget() ? null : budget,
            ParentRunId = parent.RunId,
        };
        var validation = new ModelSubmittedValidator().Validate(fork);
        return validation.IsValid
            ? fork
            : throw Error(string.Join(Environment.NewLine, validation.Errors.Select(e => e.ErrorMessage).Distinct()));
    }

    private int? Number(string key) => _numbers.TryGetValue(key, out var value) ? value : null;

    private static List<Objective> ObjectivesFor(IReadOnlyList<Objective>? parent, IReadOnlyList<string> tasks) =>
    [
        .. tasks.Select(t => parent?.FirstOrDefault(o => o.Name == t) ?? new Objective(t, ObjectiveDirection.Maximize)),
        .. (parent ?? []).Where(o => CostNames.All.Contains(o.Name)),
    ];

    private static CliUsageException Error(string message) => new($"{message}{Environment.NewLine}{KeysHelp}");
}
