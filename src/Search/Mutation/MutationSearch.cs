using NasPipeline.ComputationGraph;
using NasPipeline.ComputationGraph.Editing;
using NasPipeline.Optimization.Nsga3;

namespace NasPipeline.Search.Mutation;

/// <summary>
/// AIO-P's mutation search on an arbitrary network: each round draws single mutations (channel-group shrink,
/// kernel shrink, residual-block removal) of the current network, re-extracts each mutant from its edited ONNX
/// so MACs and params are exact, scores them in one batch, and moves to the cheapest (fewest MACs) whose
/// predicted metric is not below the original's. Round r draws from <c>GenerationRandom(seed, r)</c>.
/// </summary>
public sealed class MutationSearch(IPredictedMetricScorer scorer)
{
    private readonly OnnxGraphExtractor _extractor = new();

    public MutationSearchResult Run(byte[] onnx, MutationSearchOptions options)
    {
        var current = OnnxModelEditor.Parse(onnx);
        var original = _extractor.Extract(current.ToBytes(), options.Extraction);
        var currentGraph = original;
        var originalMetric = scorer.Score([original])[0];
        var currentMetric = originalMetric;
        var history = new List<GraphMutation>();
        var scored = 1;
        var idle = 0;
        for (var round = 1; round <= options.Steps && idle < options.Patience; round++)
        {
            var random = GenerationRandom.Create(options.Seed, round);
            var catalog = MutationCatalog.Enumerate(current, currentGraph);
            if (catalog.Count == 0)
            {
                break;
            }

            var picks = Enumerable.Range(0, Math.Min(options.CandidatesPerStep, catalog.Count))
                .Select(_ => catalog[random.Next(catalog.Count)]).Distinct().ToList();
            var mutants = picks.Select(m => MutationCatalog.Apply(current, m)).ToList();
            var bytes = mutants.Select(m => m.ToBytes()).ToList();
            var graphs = bytes.Select(b => _extractor.Extract(b, options.Extraction)).ToList();
            var metrics = scorer.Score(graphs);
            scored += graphs.Count;

            var accepted = MutantChoice.Pick(metrics.Select(m => m - originalMetric).ToList(), graphs.Select(g => g.TotalMacs).ToList(), currentGraph.TotalMacs);
            if (accepted is not { } best)
            {
                idle++;
                continue;
            }

            idle = 0;
            (current, currentGraph, currentMetric) = (mutants[best], graphs[best], metrics[best]);
            history.Add(picks[best]);
        }

        var kept = history.Count == 0 ? KeptNetwork.Of(onnx, options.Seed) : KeptNetwork.Of(current, options.Seed);
        return new MutationSearchResult(original, originalMetric, kept.Onnx, currentGraph, currentMetric, history, scored, scorer.Name, kept.Weights);
    }
}
