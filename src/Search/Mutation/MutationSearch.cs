using System.Text;
using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Search.Loop;
using Graph = NasPipeline.ComputationGraph.ComputationGraph;

namespace NasPipeline.Search.Mutation;

/// <summary>
/// AIO-P's mutation search run in one process (<c>nasp mutate</c>): the same <see cref="MutationSearchDecider"/> the
/// Search stage runs, its score requests answered at once by <paramref name="scorer"/> instead of the Predict stage.
/// Each round draws single mutations (channel-group shrink, kernel shrink, residual-block removal) of the current
/// network, and moves to the one with most predicted-metric headroom, then fewest MACs, among those not below the
/// original's; round r draws from <c>GenerationRandom(seed, r)</c>.
/// </summary>
public sealed class MutationSearch(IPredictedMetricScorer scorer)
{
    private readonly OnnxGraphExtractor _extractor = new();

    public MutationSearchResult Run(byte[] onnx, MutationSearchOptions options)
    {
        var original = _extractor.Extract(onnx, options.Extraction);
        var originalJson = ComputationGraphJson.SerializeToUtf8Bytes(original);
        var graphs = new Dictionary<string, Graph>(StringComparer.Ordinal) { [ContentHash.Of(originalJson)] = original };
        var runId = Guid.Empty;
        var submission = new ModelSubmitted(runId, DateTimeOffset.UnixEpoch, new OnnxModelRef(ContentHash.Of(onnx), "model.onnx", onnx.Length), null,
            [], [scorer.Name], [], [], (int)options.Seed, new SearchBudget(options.CandidatesPerStep, options.Steps, 1, 0, 0),
            MaxStepCut: options.MaxStepCut, StepRule: options.StepRule);
        var state = RunState.Fold([submission, new GraphExtracted(runId, ContentHash.Of(originalJson), original.Nodes.Count, original.Edges.Count,
            original.TotalMacs, original.TotalParams, new Dictionary<string, int>(), original.Model.Producer, original.Model.IrVersion, original.Model.Opset, 0)]);
        var decider = new MutationSearchDecider(new SearchSettings(), options.Patience, options.Extraction);
        var scored = 0;
        while (true)
        {
            var decision = decider.Decide(state, onnx);
            foreach (var (hash, json) in decision.Blobs)
            {
                graphs[hash] = ComputationGraphJson.Deserialize(Encoding.UTF8.GetString(json));
            }

            state = decision.Messages.Aggregate(state, (s, e) => s.Evolve(e));
            if (decision.Kept is { } kept)
            {
                var best = state.LastRound?.Current.Candidate.Name ?? ContentHash.Of(originalJson);
                return new MutationSearchResult(original, Metric(state, ContentHash.Of(originalJson)), kept.Onnx, graphs[best], Metric(state, best),
                    state.Kept, scored, scorer.Name, kept.Weights);
            }

            var requests = decision.Messages.OfType<ScoreCandidates>().ToList();
            if (requests.Count == 0)
            {
                throw new InvalidOperationException("The mutation search stopped without asking for scores or completing.");
            }

            foreach (var request in requests)
            {
                var metrics = scorer.Score(request.Candidates.Select(c => graphs[c.Name]).ToList());
                scored += request.Candidates.Count;
                state = state.Evolve(new CandidateScored(runId, request.RequestId, request.Generation, 0,
                    request.Candidates.Select((c, i) => new CandidateScore(c, new Dictionary<string, double> { [scorer.Name] = metrics[i] }, 0)).ToList()));
            }
        }
    }

    private double Metric(RunState state, string candidate) => state.Metrics(candidate, 0, int.MaxValue)![scorer.Name];
}
