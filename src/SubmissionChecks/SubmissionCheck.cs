using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Validation;
using NasPipeline.SearchSpaces;
using NasPipeline.SearchSpaces.Encoding;

namespace NasPipeline.SubmissionChecks;

/// <summary>
/// What a submission asks of this pipeline, checked before it runs: a search-space point must be a valid point of a
/// registered space (never clamped), every task must be known, and every option must have a stage to serve it. The
/// CLI calls it before it publishes; the GraphExtract stage calls it again for submissions other clients publish.
/// The shape of the message (names, bounds, one model) is the contract validator's job: this check skips what that
/// one refuses, and never throws on a message that deserialised.
/// </summary>
public sealed class SubmissionCheck(SearchSpaceRegistry spaces, KnownTasks tasks, StageCapabilities stages)
{
    public async Task<IReadOnlyList<SubmissionProblem>> CheckAsync(ModelSubmitted submission, CancellationToken cancellationToken = default)
    {
        var problems = new List<SubmissionProblem>();
        if (submission.Point is { } point)
        {
            problems.AddRange(PointProblems(point));
        }

        if (submission.Budget is { AdaptPerIteration: > 0 } && !stages.Adapt)
        {
            problems.Add(new SubmissionProblem(SubmissionProblem.StageUnavailable, $"{StageCapabilities.AdaptUnavailable}; use --adapt 0."));
        }

        problems.AddRange(await TaskProblemsAsync(submission.Tasks, cancellationToken));
        return problems;
    }

    /// <summary>Null when the submission can run, else every problem's message on one line (what <c>submit</c> prints).</summary>
    public async Task<string?> RefusalAsync(ModelSubmitted submission, CancellationToken cancellationToken = default) =>
        await CheckAsync(submission, cancellationToken) is { Count: > 0 } problems ? string.Join(" ", problems.Select(p => p.Message)) : null;

    private IEnumerable<SubmissionProblem> PointProblems(SearchSpacePoint point)
    {
        if (point.Space is not { Length: > 0 } name || point.Encoding is null)
        {
            return [];
        }

        if (!spaces.TryGet(name, out var space))
        {
            return [new SubmissionProblem(SubmissionProblem.UnknownSearchSpace,
                $"Search space '{name}' is not registered in this pipeline (known: {string.Join(", ", spaces.Names.Order(StringComparer.Ordinal))}).")];
        }

        return PointCheck.Problems(space, point.Encoding).Select(p => new SubmissionProblem(SubmissionProblem.InvalidEncoding, p));
    }

    private async Task<IEnumerable<SubmissionProblem>> TaskProblemsAsync(IReadOnlyList<string>? named, CancellationToken cancellationToken)
    {
        var candidates = (named ?? []).Where(Names.IsTaskName).Distinct(StringComparer.Ordinal).ToList();
        var unknown = candidates.Where(t => !tasks.BuiltIn.Contains(t, StringComparer.Ordinal)).ToList();
        if (unknown.Count == 0)
        {
            return [];
        }

        var registered = await tasks.RegisteredAsync(cancellationToken);
        var builtIn = string.Join(", ", tasks.BuiltIn.Order(StringComparer.Ordinal));
        var others = registered.Count == 0
            ? "no other task has a registered predictor yet"
            : $"tasks with a registered predictor: {string.Join(", ", registered.Order(StringComparer.Ordinal))}";
        return unknown.Where(t => !registered.Contains(t, StringComparer.Ordinal)).Select(t => new SubmissionProblem(SubmissionProblem.UnknownTask,
            $"Task '{t}' is unknown: the built-in tasks are {builtIn}; {others} (register one with `nasp predictor train ... --for {t}`)."));
    }
}
