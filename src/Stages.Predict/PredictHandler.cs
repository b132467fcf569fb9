using System.Globalization;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Telemetry;
using NasPipeline.Latency;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Candidates;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Planning;
using NasPipeline.Prediction.Refitting;
using NasPipeline.Prediction.Registry;
using NasPipeline.Prediction.Runs;
using NasPipeline.Prediction.Store;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Stages.Predict;

/// <summary>
/// The Predict stage's work for one inbound message, once per message: the writer folds the run's stream, the
/// <see cref="PredictDecider"/> plans (adopt, refit, score, or fail), this class carries the plan out (registry and
/// default predictor, model cache, blobs, training) and the outcome is appended under a dedupe key, so a redelivery
/// gets the stored outcome back. Every <c>AdapterTrained</c> names its source and the run's predictor version; the
/// scores name the version that made them, so a replay knows exactly which models scored. A candidate that cannot be
/// read fails the run with the reason instead of leaving it waiting.
/// </summary>
public sealed class PredictHandler(
    RunEventWriter writer, IBlobStore blobs, StartingPredictors starting, ModelCache models, CandidateResolver resolver,
    OnlineRefit refit, PredictDecider decider, SubnetLatency latency, TimeProvider clock)
{
    public const string StageName = "predict";

    private static readonly RunFold<RunPredictorState> Fold = new(RunPredictorState.Empty, (state, e) => state.Evolve(e));

    public Task<IReadOnlyList<IRunMessage>> ScoreAsync(ScoreCandidates request, CancellationToken cancellationToken) =>
        writer.DecideOnceAsync(request.RunId, $"{StageName}/score/{request.RequestId}", Fold, async (state, token) =>
        {
            var found = new Dictionary<string, StartingPredictor?>(StringComparer.Ordinal);
            try
            {
                foreach (var task in decider.Adoptions(state, request))
                {
                    found[task] = await starting.FindAsync(task, token);
                }
            }
            catch (PredictionException e)
            {
                // The default predictor could not be made (its data file, say): the run fails saying what to set.
                return [Failed(state.RunId, e.Kind, e.Message)];
            }

            return await ExecuteAsync(state, decider.Score(state, request, found), token);
        }, cancellationToken);

    /// <summary>Labels arrived (pseudo-labels, or an adapted subnet's measured metrics), appended by whoever produced
    /// them: refit the tasks they cover.</summary>
    public Task<IReadOnlyList<IRunMessage>> LearnAsync(IRunMessage labelled, Guid requestId, CancellationToken cancellationToken) =>
        writer.DecideOnceAsync(labelled.RunId, $"{StageName}/labels/{requestId}", Fold,
            (state, token) => ExecuteAsync(state, decider.Learn(state), token), cancellationToken);

    private async Task<IReadOnlyList<IRunMessage>> ExecuteAsync(RunPredictorState state, IReadOnlyList<PredictStep> plan, CancellationToken cancellationToken)
    {
        var events = new List<IRunMessage>();
        try
        {
            foreach (var step in plan)
            {
                var done = await ExecuteAsync(state, step, cancellationToken);
                events.AddRange(done);
                foreach (var e in done)
                {
                    state = state.Evolve(e);
                }
            }
        }
        catch (PredictionException e)
        {
            return [Failed(state.RunId, e.Kind, e.Message)];
        }

        return events;
    }

    private async Task<IReadOnlyList<IRunMessage>> ExecuteAsync(RunPredictorState state, PredictStep step, CancellationToken cancellationToken) => step switch
    {
        RefitStep refitStep => [await PipelineTelemetry.TraceAsync("refit", state.RunId, () => RefitAsync(state.RunId, refitStep, cancellationToken))],
        AdoptStep adopt => [adopt.Recorded(state.RunId)],
        ScoreStep score => await PipelineTelemetry.TraceAsync("score", state.RunId, () => ScoreAsync(state, score, cancellationToken)),
        FailStep fail => [Failed(state.RunId, fail.Kind, fail.Reason)],
        _ => throw new InvalidOperationException($"Unknown plan step {step.GetType().Name}."),
    };

    private async Task<AdapterTrained> RefitAsync(Guid runId, RefitStep step, CancellationToken cancellationToken)
    {
        var current = step.Basis is { } basis ? await models.GetAsync(basis.Model, basis.WeightsBlobHash, cancellationToken) : null;
        var result = await refit.FitAsync(step.Model, step.Labels, current, step.Seed, cancellationToken);
        if (result.KeepsBasis && step.Basis is { } kept)
        {
            return kept with
            {
                Version = step.Version,
                Seed = step.Seed,
                Source = string.Create(CultureInfo.InvariantCulture,
                    $"kept ({kept.Source}): its refit on the {result.SampleCount} labels of this run ranked held-out ones at SRCC {result.ValidationSrcc:F3}, this predictor ranks them at {result.BasisSrcc:F3}"),
            };
        }

        var hash = await blobs.PutAsync(result.Weights, ModelKinds.MediaType(result.Model), cancellationToken);
        return new AdapterTrained(runId, step.Task, result.Model, step.Version, result.SampleCount,
            double.IsFinite(result.ValidationSrcc) ? result.ValidationSrcc : 0, hash, step.Seed, $"refit on {result.SampleCount} labels of this run",
            MetricRange.Of(step.Labels.Values));
    }

    private async Task<IReadOnlyList<IRunMessage>> ScoreAsync(RunPredictorState state, ScoreStep step, CancellationToken cancellationToken)
    {
        var request = step.Request;
        var perTask = new Dictionary<string, (IReadOnlyList<PredictedMetric> Predictions, MetricRange? Range)>(StringComparer.Ordinal);
        foreach (var task in request.Tasks.Distinct(StringComparer.Ordinal))
        {
            var trained = state.Current(task, step.Version)!;
            var model = await models.GetAsync(trained.Model, trained.WeightsBlobHash, cancellationToken);
            perTask[task] = (await model.ScoreAsync(request.Candidates, resolver, cancellationToken), trained.Range);
        }

        var latencies = new MeasuredLatency?[request.Candidates.Count];
        if (state.NeedsLatency)
        {
            for (var i = 0; i < latencies.Length; i++)
            {
                latencies[i] = await TimeAsync(request.Candidates[i], cancellationToken);
            }
        }

        var scores = request.Candidates.Select((candidate, i) =>
        {
            var values = perTask.ToDictionary(p => p.Key, p => RangedScore.Of(p.Value.Predictions[i].Mean, p.Value.Range), StringComparer.Ordinal);
            var clamped = values.Where(v => v.Value.Clamped).Select(v => v.Key).ToList();
            return new CandidateScore(candidate, values.ToDictionary(v => v.Key, v => v.Value.Value, StringComparer.Ordinal),
                perTask.Count == 0 ? 0 : perTask.Values.Max(p => p.Predictions[i].Spread), latencies[i], clamped.Count == 0 ? null : clamped,
                perTask.ToDictionary(p => p.Key, p => p.Value.Predictions[i].Spread, StringComparer.Ordinal));
        }).ToList();
        var batches = scores.Chunk(step.BatchSize).ToList();
        if (batches.Count == 0)
        {
            batches.Add([]);
        }

        return batches.Select((batch, b) => (IRunMessage)new CandidateScored(request.RunId, request.RequestId, request.Generation, step.Version, batch, b, batches.Count)).ToList();
    }

    private async Task<MeasuredLatency> TimeAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        try
        {
            return await latency.MeasureAsync(candidate.Name, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or NotSupportedException)
        {
            throw new PredictionException("LatencyNotTimed", $"{candidate.Name} could not be timed: {e.Message}");
        }
    }

    private RunFailed Failed(Guid runId, string kind, string reason) => new(runId, StageName, $"{kind}: {reason}", clock.GetUtcNow());
}
