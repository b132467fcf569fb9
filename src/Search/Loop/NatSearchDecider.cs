using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Search.Loop;

/// <summary>
/// NAT's loop as a pure decider: <c>Decide(state) -> events</c>, one step at a time from where the state stands. Steps:
/// the initial archive (the submitted point, the space's smallest and largest, seeded samples) as generation 0; then
/// NSGA-III generation by generation on predicted metrics + exact MACs/params, each starting from the population the
/// last <see cref="GenerationCompleted"/> recorded; per iteration, the best front members sent for adaptation and their
/// measured metrics folded into the next. A step whose inputs have not arrived asks for them once and waits.
/// Step <c>s = iteration (G + 1) + generation</c> draws from <c>GenerationRandom(seed, s)</c>, so the same events always
/// give the same decisions, and a decision's cost does not grow with the generations behind it.
/// </summary>
/// <param name="settings">The configured budget; a submission's own budget overrides it part by part.</param>
public sealed class NatSearchDecider(SearchSpaceRegistry spaces, SearchSettings settings)
{
    /// <summary>The messages the search decides (everything else in a stream is an input to it).</summary>
    public static bool IsDecision(object message) =>
        message is SearchStarted or ScoreCandidates or GenerationCompleted or AdaptSubnet or SearchCompleted or MutantsProposed or MutationRoundCompleted
            or PseudoLabelRequested or AdaptArchitecture;

    public IReadOnlyList<IRunMessage> Decide(RunState state)
    {
        if (state.Finished || state.Graph is null || state.Submission is not { Point: { } point } submission
            || !spaces.TryGet(point.Space, out var space))
        {
            return [];
        }

        var decisions = new List<IRunMessage>();
        if (state.Started is null)
        {
            var budget = settings.With(submission.Budget);
            var started = new SearchStarted(submission.RunId, space.Name, budget.Population, budget.Generations,
                budget.Iterations, budget.AdaptPerIteration, budget.InitialSamples, submission.Seed, budget.MutationEta, budget.Rules,
                budget.PseudoLabels > 0 ? budget.PseudoLabels : null);
            decisions.Add(started);
            state = state.Evolve(started);
        }

        if (state.LastGeneration is { Selected: null })
        {
            throw new InvalidOperationException(
                $"Run {submission.RunId} was recorded before generations kept their population; it can be replayed but not continued. Fork it to search again.");
        }

        var run = new NatRun(state, space, CandidateCodec.Encode(space.Name, space.Repair(point.Encoding)));
        while (run.Next() is { Count: > 0 } step)
        {
            decisions.AddRange(step);
            run = run with { State = step.Aggregate(run.State, (s, e) => s.Evolve(e)) };
        }

        return decisions;
    }
}
