using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Blobs;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Prediction.Candidates;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Refitting;
using NasPipeline.Prediction.Registry;
using NasPipeline.Prediction.Runs;

namespace NasPipeline.Prediction;

/// <summary>
/// The Predict stage's work for one inbound message, once per message (the run's stream is folded, the outcome
/// appended with a dedupe key, and a redelivery gets the stored outcome back).
/// Scoring first brings each task's predictor up to date: a refit on labels that arrived since the last one,
/// else (no predictor yet) the one registered for the task, or the default one, is adopted, both recorded as
/// <c>AdapterTrained</c> with their source.
/// The scores then name the run's predictor version (how many <c>AdapterTrained</c> the stream holds), so a replay
/// knows exactly which models made them. A task with no predictor (the default turned off), or a candidate that cannot
/// be read, fails the run with the reason instead of leaving it waiting.
/// </summary>
public sealed class PredictionService(
    RunEventWriter writer, IBlobStore blobs, StartingPredictors starting, ModelCache models,
    CandidateResolver resolver, OnlineRefit refit, PredictSettings settings, TimeProvider clock)
{
    public const string StageName = "predict";

    public Task<IReadOnlyList<IRunMessage>> ScoreAsync(ScoreCandidates request, CancellationToken cancellationToken) =>
        writer.DecideOnceAsync(request.RunId, $"{StageName}/score/{request.RequestId}", RunPredictorState.Fold, async (state, token) =>
        {
            if (state.Finished || state.WasScored(request.RequestId))
            {
                return [];
            }

            var events = new List<IRunMessage>();
            return await FailOnErrorAsync(request.RunId, events, async () =>
            {
                foreach (var task in request.Tasks.Distinct(StringComparer.Ordinal))
                {
                    await RefitIfNewLabelsAsync(state, task, events, token);
                    await AdoptIfMissingAsync(state, task, events, token);
                }

                events.AddRange(await ScoreAllAsync(state, request, token));
            });
        }, cancellationToken);

    /// <summary>Labels arrived (pseudo-labels, or an adapted subnet's measured metrics), appended by whoever produced
    /// them: refit the tasks they cover.</summary>
    public Task<IReadOnlyList<IRunMessage>> LearnAsync(IRunMessage labelled, Guid requestId, CancellationToken cancellationToken) =>
        writer.DecideOnceAsync(labelled.RunId, $"{StageName}/labels/{requestId}", RunPredictorState.Fold, async (state, token) =>
        {
            if (state.Finished)
            {
                return [];
            }

            var events = new List<IRunMessage>();
            return await FailOnErrorAsync(labelled.RunId, events, async () =>
            {
                foreach (var task in state.LabelledTasks.Where(state.HasNewLabels).ToList())
                {
                    await RefitIfNewLabelsAsync(state, task, events, token);
                }
            });
        }, cancellationToken);

    private async Task<IReadOnlyList<IRunMessage>> FailOnErrorAsync(Guid runId, List<IRunMessage> events, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (PredictionException e)
        {
            events.Clear();
            events.Add(new RunFailed(runId, StageName, $"{e.Kind}: {e.Message}", clock.GetUtcNow()));
        }

        return events;
    }

    private async Task RefitIfNewLabelsAsync(RunPredictorState state, string task, List<IRunMessage> events, CancellationToken cancellationToken)
    {
        if (!state.HasNewLabels(task))
        {
            return;
        }

        var current = state.Current(task) is { } trained ? await models.GetAsync(trained.Model, trained.WeightsBlobHash, cancellationToken) : null;
        var seed = RefitSeed(state.Seed, state.Version + 1);
        if (await refit.FitAsync(state.Labels(task), current, seed, cancellationToken) is not { } result)
        {
            return;
        }

        var hash = await blobs.PutAsync(result.Weights, ModelKinds.MediaType(result.Model), cancellationToken);
        Record(state, events, new AdapterTrained(state.RunId, task, result.Model, state.Version + 1, result.SampleCount,
            double.IsFinite(result.ValidationSrcc) ? result.ValidationSrcc : 0, hash, seed, $"refit on {result.SampleCount} labels of this run"));
    }

    private async Task AdoptIfMissingAsync(RunPredictorState state, string task, List<IRunMessage> events, CancellationToken cancellationToken)
    {
        if (state.Current(task) is not null)
        {
            return;
        }

        var (registered, source) = await starting.FindAsync(task, cancellationToken)
            ?? throw new PredictionException("NoPredictor",
                $"No predictor for task '{task}' (the default predictor is off). Register one with `nasp predictor train --data DATA.jsonl --task METRIC --for {task}`, " +
                $"or feed at least {settings.MinRefitSamples} labels of it (SubnetAdapted or PseudoLabelReady) before scoring.");
        Record(state, events, new AdapterTrained(state.RunId, task, registered.Model, state.Version + 1, registered.SampleCount,
            registered.ValidationSrcc, registered.WeightsBlobHash, registered.Seed, source));
    }

    private static void Record(RunPredictorState state, List<IRunMessage> events, AdapterTrained trained)
    {
        state.Apply(trained);
        events.Add(trained);
    }

    private async Task<IReadOnlyList<CandidateScored>> ScoreAllAsync(RunPredictorState state, ScoreCandidates request, CancellationToken cancellationToken)
    {
        var perTask = new Dictionary<string, IReadOnlyList<PredictedMetric>>(StringComparer.Ordinal);
        foreach (var task in request.Tasks.Distinct(StringComparer.Ordinal))
        {
            var trained = state.Current(task)!;
            var model = await models.GetAsync(trained.Model, trained.WeightsBlobHash, cancellationToken);
            perTask[task] = await model.ScoreAsync(request.Candidates, resolver, cancellationToken);
        }

        var scores = request.Candidates.Select((candidate, i) => new CandidateScore(candidate,
            perTask.ToDictionary(p => p.Key, p => p.Value[i].Mean, StringComparer.Ordinal),
            perTask.Count == 0 ? 0 : perTask.Values.Max(p => p[i].Spread))).ToList();
        var batches = scores.Chunk(settings.BatchSize).ToList();
        if (batches.Count == 0)
        {
            batches.Add([]);
        }

        return batches.Select((batch, b) => new CandidateScored(request.RunId, request.RequestId, request.Generation, state.Version, batch, b, batches.Count)).ToList();
    }

    /// <summary>A refit's seed is a function of the run's seed and the version it creates, so a replay refits alike.</summary>
    public static int RefitSeed(int runSeed, int version) => Contracts.Seeds.SplitMix64.Derive(runSeed, version);
}
