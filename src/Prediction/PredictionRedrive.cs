using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Prediction.Candidates;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Runs;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction;

/// <summary>What re-scoring a run found: how many candidates were re-scored, and the first score that came out different.</summary>
public sealed record RescoreReport(int Candidates, int Requests, int Skipped, string? FirstMismatch)
{
    public bool Identical => FirstMismatch is null;
}

/// <summary>
/// Re-scores every recorded request with the predictors its scores name (each task's latest <c>AdapterTrained</c> up
/// to the score's version, loaded from the blob store) and compares the metrics: the proof that a score's version is
/// enough to reproduce it. Requests are re-scored whole, as they were first scored, so the numbers match exactly.
/// Scores whose version names no recorded predictor (published by something other than the Predict stage) are
/// counted as skipped.
/// </summary>
public sealed class PredictionRedrive(ModelCache models, CandidateResolver resolver)
{
    public async Task<RescoreReport> CheckAsync(IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        var state = RunPredictorState.Empty;
        var requests = new Dictionary<Guid, ScoreCandidates>();
        var batches = new Dictionary<Guid, List<CandidateScored>>();
        int candidates = 0, checkedRequests = 0, skipped = 0;
        foreach (var e in events)
        {
            state = state.Evolve(e);
            if (e is ScoreCandidates request)
            {
                requests[request.RequestId] = request;
            }

            if (e is not CandidateScored scored || !requests.TryGetValue(scored.RequestId, out var asked))
            {
                continue;
            }

            if (!batches.TryGetValue(scored.RequestId, out var received))
            {
                batches[scored.RequestId] = received = [];
            }

            received.Add(scored);
            if (received.Count < scored.BatchCount)
            {
                continue;
            }

            var scores = received.OrderBy(b => b.Batch).SelectMany(b => b.Scores).ToList();
            if (asked.Tasks.Any(t => state.Current(t, scored.PredictorVersion) is null))
            {
                skipped += scores.Count;
                continue;
            }

            if (await FirstMismatchAsync(state, asked, scored.PredictorVersion, scores, cancellationToken) is { } mismatch)
            {
                return new RescoreReport(candidates, checkedRequests, skipped, mismatch);
            }

            candidates += scores.Count;
            checkedRequests++;
        }

        return new RescoreReport(candidates, checkedRequests, skipped, null);
    }

    private async Task<string?> FirstMismatchAsync(
        RunPredictorState state, ScoreCandidates request, int version, IReadOnlyList<CandidateScore> recorded, CancellationToken cancellationToken)
    {
        var names = recorded.Select(s => s.Candidate).ToList();
        foreach (var task in request.Tasks.Distinct(StringComparer.Ordinal))
        {
            var trained = state.Current(task, version)!;
            var model = await models.GetAsync(trained.Model, trained.WeightsBlobHash, cancellationToken);
            var again = await model.ScoreAsync(names, resolver, cancellationToken);
            for (var i = 0; i < names.Count; i++)
            {
                var rescored = RangedScore.Of(again[i].Mean, trained.Range).Value;
                if (!recorded[i].Metrics.TryGetValue(task, out var value) || value != rescored)
                {
                    return $"generation {request.Generation}, {names[i]}, {task}: recorded {value:R}, re-scored {rescored:R} with {trained.Model} v{trained.Version}";
                }
            }
        }

        return null;
    }
}
