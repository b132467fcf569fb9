using System.Collections.Concurrent;
using NasPipeline.ComputationGraph;
using NasPipeline.ComputationGraph.Editing;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Optimization.Nsga3;
using NasPipeline.Search.Mutation;
using Graph = NasPipeline.ComputationGraph.ComputationGraph;

namespace NasPipeline.Search.Loop;

/// <summary>
/// AIO-P's mutation search on a submitted ONNX network, as a decision over the run's events (the loop of
/// <see cref="MutationSearch"/>, with the Predict stage as scorer). Candidates are graph blob hashes: first the
/// submitted graph, then each round's mutants (<c>Population</c> single mutations of the current network, drawn from
/// <c>GenerationRandom(seed, round)</c>, for <c>Generations</c> rounds, stopping after <see cref="Patience"/> rounds
/// without progress). A mutant qualifies when every task's predicted metric is not below the original's and it has
/// fewer MACs; <see cref="MutantChoice"/> picks among them. Each round reports the current network as the front; the end reports it with
/// the best under each constraint, and stores its ONNX with weights (<see cref="KeptNetwork"/>: sliced from the submitted
/// model, missing ones seeded from the run's seed).
/// The walk is deterministic, so a process keeps where each run's walk stopped (the open round) and resumes there
/// instead of re-extracting every earlier round's mutants; a fresh process rebuilds it from the events.
/// </summary>
public sealed class MutationPolicy(SearchSettings settings)
{
    public const string SpaceName = "mutation";
    public const int Patience = 10;

    private readonly OnnxGraphExtractor _extractor = new();
    private readonly ConcurrentDictionary<Guid, Frontier> _frontiers = new();

    public MutationDecision Decide(RunState state, byte[] onnx)
    {
        if (state.Finished || state.Graph is null || state.Submission is not { Onnx: not null } submission)
        {
            return MutationDecision.None;
        }

        var budget = settings.With(submission.Budget);
        var started = state.Started ?? new SearchStarted(submission.RunId, SpaceName, budget.Population, budget.Generations,
            budget.Iterations, budget.AdaptPerIteration, budget.InitialSamples, submission.Seed);
        var walk = new Walk(this, state, submission, started);
        if (state.Started is null)
        {
            walk.Messages.Add(started);
        }

        walk.Run(onnx);
        return new MutationDecision(walk.Messages, walk.Blobs, walk.Messages.OfType<SearchCompleted>().FirstOrDefault()?.ModelBlobHash);
    }

    /// <summary>The walk's state at the start of an open round: the current network and that round's mutants.</summary>
    private sealed record Frontier(int Round, int Idle, OnnxModelEditor Current, Graph CurrentGraph, string CurrentName, int Kept, Proposal? Open);

    /// <summary>A round's mutations, their graphs and the graphs' JSON (the blobs a request names, by hash); the mutated
    /// models themselves are not kept (a large network's weights times the population), the kept one is re-applied.</summary>
    private sealed record Proposal(IReadOnlyList<GraphMutation> Picks, IReadOnlyList<Graph> Graphs, IReadOnlyList<byte[]> Json, IReadOnlyList<string> Names);

    private sealed class Walk(MutationPolicy policy, RunState state, ModelSubmitted submission, SearchStarted started)
    {
        public List<IRunMessage> Messages { get; } = [];

        public Dictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

        private ExtractionOptions Extraction => new() { InputShapes = submission.InputShapes.Select(InputShape.Parse).ToList() };

        public void Run(byte[] onnx)
        {
            var originalName = state.Graph!.GraphBlobHash;
            var original = Scores(originalName);
            if (original is null)
            {
                Request(0, [originalName]);
                return;
            }

            var frontier = policy._frontiers.TryGetValue(submission.RunId, out var kept) ? kept : Start(onnx, originalName);
            while (frontier.Round <= started.Generations && frontier.Idle < Patience)
            {
                var proposal = frontier.Open ?? Propose(frontier);
                if (proposal.Names.Count == 0)
                {
                    break;
                }

                var missing = Enumerable.Range(0, proposal.Names.Count).DistinctBy(i => proposal.Names[i]).Where(i => Scores(proposal.Names[i]) is null).ToList();
                if (missing.Count > 0)
                {
                    foreach (var i in missing)
                    {
                        Blobs[proposal.Names[i]] = proposal.Json[i];
                    }

                    policy._frontiers[submission.RunId] = frontier with { Open = proposal };
                    Request(frontier.Round, missing.Select(i => proposal.Names[i]).ToList());
                    return;
                }

                frontier = Advance(frontier, proposal, original);
                Report(frontier);
            }

            policy._frontiers.TryRemove(submission.RunId, out _);
            Complete(frontier, onnx, originalName, original);
        }

        private Frontier Start(byte[] onnx, string originalName)
        {
            var model = OnnxModelEditor.Parse(onnx);
            return new Frontier(1, 0, model, policy._extractor.Extract(onnx, Extraction), originalName, 0, null);
        }

        private Proposal Propose(Frontier frontier)
        {
            var catalog = MutationCatalog.Enumerate(frontier.Current, frontier.CurrentGraph);
            var random = GenerationRandom.Create(started.Seed, frontier.Round);
            var picks = catalog.Count == 0
                ? []
                : Enumerable.Range(0, Math.Min(started.Population, catalog.Count)).Select(_ => catalog[random.Next(catalog.Count)]).Distinct().ToList();
            var graphs = picks.Select(m => policy._extractor.Extract(MutationCatalog.Apply(frontier.Current, m).ToBytes(), Extraction)).ToList();
            var json = graphs.Select(ComputationGraphJson.SerializeToUtf8Bytes).ToList();
            return new Proposal(picks, graphs, json, json.Select(j => ContentHash.Of(j)).ToList());
        }

        private Frontier Advance(Frontier frontier, Proposal proposal, IReadOnlyDictionary<string, double> original)
        {
            var accepted = MutantChoice.Pick(proposal.Names.Select(n => Headroom(Scores(n)!, original)).ToList(),
                proposal.Graphs.Select(g => g.TotalMacs).ToList(), frontier.CurrentGraph.TotalMacs);
            return accepted is { } best
                ? new Frontier(frontier.Round + 1, 0, MutationCatalog.Apply(frontier.Current, proposal.Picks[best]), proposal.Graphs[best], proposal.Names[best], frontier.Kept + 1, null)
                : frontier with { Round = frontier.Round + 1, Idle = frontier.Idle + 1, Open = null };
        }

        /// <summary>The tightest task's margin over the original, relative so tasks of different units compare; NaN when a
        /// task is unscored.</summary>
        private double Headroom(IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, double> original) =>
            submission.Tasks.Min(t => metrics.TryGetValue(t, out var value) && original.TryGetValue(t, out var before)
                ? (value - before) / Math.Max(Math.Abs(before), 1e-12)
                : double.NaN);

        private void Report(Frontier frontier)
        {
            var round = frontier.Round - 1;
            if (!state.WasReported(0, round))
            {
                Messages.Add(new GenerationCompleted(submission.RunId, 0, round, [Member(frontier.CurrentName, frontier.CurrentGraph)], 0, started.Seed));
            }
        }

        private void Complete(Frontier frontier, byte[] onnx, string originalName, IReadOnlyDictionary<string, double> original)
        {
            var kept = frontier.Kept == 0 ? KeptNetwork.Of(onnx, started.Seed) : KeptNetwork.Of(frontier.Current, started.Seed);
            var modelHash = ContentHash.Of(kept.Onnx);
            Blobs[modelHash] = kept.Onnx;
            var best = Member(frontier.CurrentName, frontier.CurrentGraph);
            var originalMember = new FrontMember(originalName, Objectives(original, state.Graph!.Macs, state.Graph.Params));
            var constrained = submission.Constraints
                .Select(c => Satisfies(best, originalMember, c)
                    ? new ConstrainedBest(Label(c), best)
                    : new ConstrainedBest(Label(c), null, InTermsOf(best, originalMember, c))).ToList();
            Messages.Add(new SearchCompleted(submission.RunId, [best], constrained, modelHash, kept.Weights.Describe()));
        }

        private FrontMember Member(string name, Graph graph) => new(name, Objectives(Scores(name)!, graph.TotalMacs, graph.TotalParams));

        private Dictionary<string, double> Objectives(IReadOnlyDictionary<string, double> metrics, long macs, long parameters)
        {
            var objectives = submission.Tasks.Where(metrics.ContainsKey).ToDictionary(t => t, t => metrics[t], StringComparer.Ordinal);
            objectives[CostNames.Macs] = macs;
            objectives[CostNames.Params] = parameters;
            return objectives;
        }

        private static bool Satisfies(FrontMember member, FrontMember original, Constraint constraint)
        {
            if (!member.Objectives.TryGetValue(constraint.Quantity, out var value) || !original.Objectives.TryGetValue(constraint.Quantity, out var reference))
            {
                return false;
            }

            var bound = constraint.RelativeToSubmitted ? constraint.Value * reference : constraint.Value;
            return constraint.Operator == ConstraintOperator.AtMost ? value <= bound : value >= bound;
        }

        /// <summary>The kept network's constrained quantity, as a factor of the original's when the constraint is relative.</summary>
        private static double? InTermsOf(FrontMember member, FrontMember original, Constraint constraint) =>
            member.Objectives.TryGetValue(constraint.Quantity, out var value)
                ? constraint.RelativeToSubmitted
                    ? original.Objectives.TryGetValue(constraint.Quantity, out var reference) && reference != 0 ? value / reference : null
                    : value
                : null;

        private static string Label(Constraint c) => ObjectiveSpace.Label(c);

        private IReadOnlyDictionary<string, double>? Scores(string candidate) => state.Metrics(candidate, 0, int.MaxValue);

        private void Request(int round, IReadOnlyList<string> candidates)
        {
            if (!state.WasRequested(round))
            {
                Messages.Add(new ScoreCandidates(submission.RunId, RequestIds.For(submission.RunId, $"mutation/{round}"), round, submission.Tasks, candidates));
            }
        }
    }
}
