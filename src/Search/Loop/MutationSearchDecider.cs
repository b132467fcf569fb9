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
/// AIO-P's mutation search on a submitted ONNX network as a pure decider, one round at a time. Candidates are graph blob
/// hashes: first the submitted graph, then each round's mutants (<c>Population</c> single edits of the current network,
/// drawn from <c>GenerationRandom(seed, round)</c>, recorded in <see cref="MutantsProposed"/> and sent for scoring). A
/// round closes (<see cref="MutationRoundCompleted"/>) once its scores are in: a mutant qualifies when every task's
/// predicted metric is not below the original's (or, with <c>--spread-tolerance K</c>, below by at most K of the
/// predictor's spreads for it) and it has fewer MACs, and <see cref="MutantChoice"/> picks among them.
/// The search stops after <c>Generations</c> rounds or <see cref="Patience"/> rounds without progress, and stores the
/// kept network's ONNX with weights (<see cref="KeptNetwork"/>: sliced from the submitted model, missing ones seeded from
/// the run's seed). With adaptation (<c>--adapt</c>) the submitted and the kept model then go to the Adapt stage to be
/// fine-tuned and measured, and the run completes on those measurements. The current network is the submitted model
/// with the recorded kept edits applied, so nothing is held between messages.
/// </summary>
/// <param name="extraction">How mutants are extracted; by default from the submission's input shapes.</param>
public sealed class MutationSearchDecider(SearchSettings settings, int patience = MutationSearchDecider.Patience, ExtractionOptions? extraction = null)
{
    public const string SpaceName = "mutation";
    public const int Patience = 10;

    private readonly OnnxGraphExtractor _extractor = new();

    public MutationDecision Decide(RunState state, byte[] onnx)
    {
        if (state.Finished || state.Graph is null || state.Submission is not { Onnx: not null } submission)
        {
            return MutationDecision.None;
        }

        var messages = new List<IRunMessage>();
        if (state.Started is null)
        {
            var budget = settings.With(submission.Budget);
            var started = new SearchStarted(submission.RunId, SpaceName, budget.Population, budget.Generations,
                budget.Iterations, budget.AdaptPerIteration, budget.InitialSamples, submission.Seed,
                PseudoLabels: budget.PseudoLabels > 0 ? budget.PseudoLabels : null);
            messages.Add(started);
            state = state.Evolve(started);
        }

        if (state.HasUpcastRounds)
        {
            throw new InvalidOperationException(
                $"Run {submission.RunId} was recorded before the mutation search kept its edits; it can be replayed but not continued. Fork it to search again.");
        }

        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var models = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        KeptNetwork? kept = null;
        while (Next(state, onnx, blobs, network => kept = network, models) is { Count: > 0 } step)
        {
            messages.AddRange(step);
            state = step.Aggregate(state, (s, e) => s.Evolve(e));
        }

        return new MutationDecision(messages, blobs, kept, models);
    }

    private IReadOnlyList<IRunMessage> Next(RunState state, byte[] onnx, Dictionary<string, byte[]> blobs, Action<KeptNetwork> keep, Dictionary<string, byte[]> models)
    {
        var submission = state.Submission!;
        var started = state.Started!;
        var originalName = state.Graph!.GraphBlobHash;
        if (state.Finished)
        {
            return [];
        }

        if (MutationPseudoLabels.Next(state, onnx, extraction ?? Extraction(submission), _extractor, blobs, models) is { } labelling)
        {
            return labelling;
        }

        if (Scores(state, originalName) is not { } original)
        {
            return Request(state, 0, [originalName]);
        }

        var round = (state.LastRound?.Round ?? 0) + 1;
        if (round > started.Generations || state.IdleRounds >= patience)
        {
            return Finish(state, onnx, original, keep, models);
        }

        if (state.Proposal(round) is not { } proposal)
        {
            proposal = Propose(state, onnx, round, blobs);
            if (proposal.Mutants.Count == 0)
            {
                return Finish(state, onnx, original, keep, models);
            }

            var missing = proposal.Mutants.Select(m => m.Candidate.Name).Distinct().Where(c => Scores(state, c) is null).ToList();
            return [proposal, .. Request(state, round, missing)];
        }

        if (proposal.Mutants.Any(m => Scores(state, m.Candidate) is null))
        {
            return [];
        }

        var current = Current(state);
        var scores = proposal.Mutants.Select(m => Scores(state, m.Candidate)!).ToList();
        var headroom = scores.Select(s => Headroom(submission, s, original)).ToList();
        var accepted = MutantChoice.Pick(headroom, proposal.Mutants.Select(m => m.Macs).ToList(), current.Macs, submission.MaxStepCut,
            submission.StepRule == MutationStepRule.Spread ? proposal.Mutants.Select(m => KeptShare.Of(m.Mutation, state.Kept)).ToList() : null,
            submission.SpreadTolerance is { } tolerance
                ? proposal.Mutants.Select((m, i) => Headroom(submission, scores[i], original, t => tolerance * state.Spread(m.Candidate.Name, t, 0, int.MaxValue)) - headroom[i])
                    .ToList()
                : null);
        return [accepted is { } best
            ? new MutationRoundCompleted(submission.RunId, round, Member(submission, Scores(state, proposal.Mutants[best].Candidate)!,
                proposal.Mutants[best].Candidate.Name, proposal.Mutants[best].Macs, proposal.Mutants[best].Params), proposal.Mutants[best].Mutation)
            : new MutationRoundCompleted(submission.RunId, round, current.Member, null)];
    }

    /// <summary>The current network's name, cost and scores: the last round's, or the submitted graph's.</summary>
    private static (FrontMember Member, long Macs) Current(RunState state)
    {
        if (state.LastRound is { } last)
        {
            return (last.Current, (long)last.Current.Objectives[CostNames.Macs]);
        }

        var graph = state.Graph!;
        return (Member(state.Submission!, Scores(state, graph.GraphBlobHash)!, graph.GraphBlobHash, graph.Macs, graph.Params), graph.Macs);
    }

    private MutantsProposed Propose(RunState state, byte[] onnx, int round, Dictionary<string, byte[]> blobs)
    {
        var options = extraction ?? Extraction(state.Submission!);
        var model = CurrentModel(state, onnx);
        var catalog = MutationCatalog.Enumerate(model, _extractor.Extract(model.ToBytes(), options));
        var random = GenerationRandom.Create(state.Started!.Seed, round);
        var picks = catalog.Count == 0
            ? []
            : Enumerable.Range(0, Math.Min(state.Started.Population, catalog.Count)).Select(_ => catalog[random.Next(catalog.Count)]).Distinct().ToList();
        var mutants = new List<ProposedMutant>();
        foreach (var pick in picks)
        {
            var graph = _extractor.Extract(MutationCatalog.Apply(model, pick).ToBytes(), options);
            var json = ComputationGraphJson.SerializeToUtf8Bytes(graph);
            var name = ContentHash.Of(json);
            blobs[name] = json;
            mutants.Add(new ProposedMutant(Candidate.Graph(name), pick, graph.TotalMacs, graph.TotalParams));
        }

        return new MutantsProposed(state.Submission!.RunId, round, mutants);
    }

    private static OnnxModelEditor CurrentModel(RunState state, byte[] onnx) =>
        state.Kept.Aggregate(OnnxModelEditor.Parse(onnx), MutationCatalog.Apply);

    /// <summary>The rounds are over. Without adaptation the run completes on predictions. With it (<c>--adapt N</c>), the
    /// submitted network, the kept one and N - 1 networks evenly spaced on the path between them go to the Adapt stage to
    /// be fine-tuned and measured, each as an ONNX model with every weight, and the run completes once all the answers
    /// are in the stream; its model is the kept network fine-tuned, or with <c>--max-drop</c> the one chosen by
    /// measurement (<see cref="MeasuredSelection"/>).</summary>
    private static IReadOnlyList<IRunMessage> Finish(
        RunState state, byte[] onnx, IReadOnlyDictionary<string, double> original, Action<KeptNetwork> keep, Dictionary<string, byte[]> models)
    {
        var kept = KeptOf(state, onnx);
        keep(kept);
        if (state.Started!.AdaptPerIteration <= 0)
        {
            return [Complete(state, kept, original, null)];
        }

        var submission = state.Submission!;
        var path = PathSteps(state.Kept.Count, state.Started.AdaptPerIteration).Select(step =>
        {
            var network = step == state.Kept.Count ? kept
                : step == 0 ? KeptNetwork.Of(onnx, state.Started.Seed)
                : KeptNetwork.Of(state.Kept.Take(step).Aggregate(OnnxModelEditor.Parse(onnx), MutationCatalog.Apply), state.Started.Seed);
            var hash = ContentHash.Of(network.Onnx);
            if (hash != submission.Onnx!.BlobHash && step != state.Kept.Count)
            {
                models[hash] = network.Onnx;
            }

            return (Step: step, Model: hash, Network: network);
        }).ToList();
        var requests = path.Select(p => p.Model).Distinct(StringComparer.Ordinal).Where(m => !state.WasSentForAdaptation(m))
            .Select(m => (IRunMessage)new AdaptSubnet(submission.RunId, RequestIds.For(submission.RunId, $"mutation/measure/{m}"), 0, Candidate.Model(m),
                submission.Tasks, state.Started.Seed))
            .ToList();
        if (requests.Count > 0 || path.Any(p => state.Adaptation(p.Model) is null))
        {
            return requests;
        }

        var measured = path.Select(p => Measurement(state, p.Step, p.Model, original)).ToList();
        var choice = MeasuredSelection.Choose(submission, measured);
        var returned = path.Single(p => p.Step == (choice?.Step ?? state.Kept.Count));
        return [Complete(state, returned.Network, original,
            new MeasuredNetworks(measured[0], measured[^1], measured.Count > 2 ? measured[1..^1] : null, choice))];
    }

    /// <summary>The path positions measured: the submitted network (0), the kept one (<paramref name="kept"/> edits) and
    /// <paramref name="count"/> - 1 evenly spaced between them, each once.</summary>
    public static IReadOnlyList<int> PathSteps(int kept, int count) =>
        Enumerable.Range(0, Math.Max(1, count) + 1).Select(i => (int)Math.Round((double)i * kept / Math.Max(1, count), MidpointRounding.AwayFromZero))
            .Distinct().Order().ToList();

    private static KeptNetwork KeptOf(RunState state, byte[] onnx) =>
        state.Kept.Count == 0 ? KeptNetwork.Of(onnx, state.Started!.Seed) : KeptNetwork.Of(CurrentModel(state, onnx), state.Started!.Seed);

    private static NetworkMeasurement Measurement(RunState state, int step, string model, IReadOnlyDictionary<string, double> originalPredicted)
    {
        var answer = state.Adaptation(model)!;
        if (step == 0)
        {
            return new NetworkMeasurement(model, answer.WeightsBlobHash, state.Graph!.Macs, state.Graph.Params, answer.Metrics, originalPredicted, 0);
        }

        var member = state.KeptPath[step - 1];
        var predicted = member.Objectives.Where(o => state.Submission!.Tasks.Contains(o.Key)).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        return new NetworkMeasurement(model, answer.WeightsBlobHash, (long)member.Objectives[CostNames.Macs], (long)member.Objectives[CostNames.Params],
            answer.Metrics, predicted, step);
    }

    private static SearchCompleted Complete(RunState state, KeptNetwork kept, IReadOnlyDictionary<string, double> original, MeasuredNetworks? measured)
    {
        var submission = state.Submission!;
        var best = Current(state).Member;
        var originalMember = Member(submission, original, state.Graph!.GraphBlobHash, state.Graph.Macs, state.Graph.Params);
        var constrained = submission.Constraints
            .Select(c => ConstraintCheck.Satisfies(best, originalMember, c)
                ? new ConstrainedBest(ObjectiveSpace.Label(c), best)
                : new ConstrainedBest(ObjectiveSpace.Label(c), null, ConstraintCheck.InTermsOf(best, originalMember, c))).ToList();
        return measured is null
            ? new SearchCompleted(submission.RunId, [best], constrained, ContentHash.Of(kept.Onnx), kept.Weights.Describe())
            : new SearchCompleted(submission.RunId, [best], constrained, measured.Returned().FineTunedBlobHash,
                $"{kept.Weights.Describe()}; then fine-tuned by the Adapt stage on {submission.Tasks[0]}", measured);
    }

    /// <summary>The tightest task's margin over the original, relative so tasks of different units compare; NaN when a
    /// task is unscored.</summary>
    /// <param name="widen">Per task, an amount added to its margin before the minimum; none by default. With
    /// <c>--spread-tolerance K</c> it is K times the task's predicted spread, and the allowance a mutant gets is how much
    /// that raises its tightest margin.</param>
    private static double Headroom(ModelSubmitted submission, IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, double> original,
        Func<string, double>? widen = null) =>
        submission.Tasks.Min(t => metrics.TryGetValue(t, out var value) && original.TryGetValue(t, out var before)
            ? (value - before + (widen?.Invoke(t) ?? 0)) / Math.Max(Math.Abs(before), 1e-12)
            : double.NaN);

    private static FrontMember Member(ModelSubmitted submission, IReadOnlyDictionary<string, double> metrics, string name, long macs, long parameters)
    {
        var objectives = submission.Tasks.Where(metrics.ContainsKey).ToDictionary(t => t, t => metrics[t], StringComparer.Ordinal);
        objectives[CostNames.Macs] = macs;
        objectives[CostNames.Params] = parameters;
        return new FrontMember(Candidate.Graph(name), objectives);
    }

    private static ExtractionOptions Extraction(ModelSubmitted submission) =>
        new() { InputShapes = submission.InputShapes.Select(InputShape.Parse).ToList() };

    private static IReadOnlyDictionary<string, double>? Scores(RunState state, string candidate) => state.Metrics(candidate, 0, int.MaxValue);

    private static IReadOnlyDictionary<string, double>? Scores(RunState state, Candidate candidate) => Scores(state, candidate.Name);

    private static IReadOnlyList<IRunMessage> Request(RunState state, int round, IReadOnlyList<string> candidates)
    {
        var submission = state.Submission!;
        return candidates.Count == 0 || state.WasRequested(round)
            ? []
            : [new ScoreCandidates(submission.RunId, RequestIds.For(submission.RunId, $"mutation/{round}"), round, submission.Tasks, candidates.Select(Candidate.Graph).ToList())];
    }
}
