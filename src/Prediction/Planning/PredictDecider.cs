using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Prediction.Refitting;
using NasPipeline.Prediction.Registry;
using NasPipeline.Prediction.Runs;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Prediction.Planning;

/// <summary>
/// The Predict stage's decisions, pure: what to adopt, refit and score for a request (or for labels that arrived), with
/// the run's predictor versions and refit seeds worked out, or why the run cannot go on. Before a request is scored,
/// each task's predictor is brought up to date: a refit on labels that arrived since the last one, else (no predictor
/// yet) the starting one (registered for the task, or the default) is adopted. The stage's handler executes the plan.
/// </summary>
public sealed class PredictDecider(PredictSettings settings, SearchSpaceRegistry spaces)
{
    /// <summary>The request's tasks that will need a starting predictor: none yet, and no refit their labels allow.
    /// The handler looks these up (registry, default predictor) before <see cref="Score"/>.</summary>
    public IReadOnlyList<string> Adoptions(RunPredictorState state, ScoreCandidates request) =>
        Pending(state, request) ? Tasks(request).Where(t => state.Current(t) is null && Refit(state, t) is null).ToList() : [];

    public IReadOnlyList<PredictStep> Score(RunPredictorState state, ScoreCandidates request, IReadOnlyDictionary<string, StartingPredictor?> starting)
    {
        if (!Pending(state, request))
        {
            return [];
        }

        var steps = new List<PredictStep>();
        var version = state.Version;
        foreach (var task in Tasks(request))
        {
            if (Refit(state, task) is { } kind)
            {
                steps.Add(RefitOf(state, task, kind, ++version));
            }
            else if (state.Current(task) is null)
            {
                if (starting.GetValueOrDefault(task) is not { } predictor)
                {
                    return [new FailStep("NoPredictor", NoPredictor(task))];
                }

                var adopt = new AdoptStep(task, ++version, predictor);
                steps.Add(adopt);
                // Labels only a GNN can learn from (graphs of arbitrary networks) waited for a base to adapt: the one
                // adopted here, so this request is already scored by the refit predictor.
                if (state.HasNewLabels(task) && RefitChoice.KindFor(state.Labels(task), predictor.Registration.Model, spaces, settings.MinRefitSamples) is { } adapted)
                {
                    version++;
                    steps.Add(new RefitStep(task, adapted, version, RefitSeed(state.Seed, version), state.Labels(task), adopt.Recorded(state.RunId)));
                }
            }
        }

        steps.Add(new ScoreStep(request, version, settings.BatchSize));
        return steps;
    }

    /// <summary>Labels arrived: refit every task whose labels are new and allow a refit.</summary>
    public IReadOnlyList<PredictStep> Learn(RunPredictorState state)
    {
        if (state.Finished)
        {
            return [];
        }

        var steps = new List<PredictStep>();
        var version = state.Version;
        foreach (var task in state.LabelledTasks)
        {
            if (Refit(state, task) is { } kind)
            {
                steps.Add(RefitOf(state, task, kind, ++version));
            }
        }

        return steps;
    }

    /// <summary>A refit's seed is a function of the run's seed and the version it creates, so a replay refits alike.</summary>
    public static int RefitSeed(int runSeed, int version) => Contracts.Seeds.SplitMix64.Derive(runSeed, version);

    private static RefitStep RefitOf(RunPredictorState state, string task, string kind, int version) =>
        new(task, kind, version, RefitSeed(state.Seed, version), state.Labels(task), state.Current(task));

    private string? Refit(RunPredictorState state, string task) =>
        state.HasNewLabels(task) ? RefitChoice.KindFor(state.Labels(task), state.Current(task)?.Model, spaces, settings.MinRefitSamples) : null;

    private static bool Pending(RunPredictorState state, ScoreCandidates request) => !state.Finished && !state.WasScored(request.RequestId);

    private static IEnumerable<string> Tasks(ScoreCandidates request) => request.Tasks.Distinct(StringComparer.Ordinal);

    private string NoPredictor(string task) =>
        $"No predictor for task '{task}' (the default predictor is off). Register one with `nasp predictor train --data DATA.jsonl --task METRIC --for {task}`, " +
        $"or feed at least {settings.MinRefitSamples} labels of it (SubnetAdapted or PseudoLabelReady) before scoring.";
}
