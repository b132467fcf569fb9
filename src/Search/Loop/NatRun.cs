using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Optimization.Nsga3;
using NasPipeline.Optimization.Problems;
using NasPipeline.SearchSpaces;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Loop;

/// <summary>One step of NAT's loop from a run's state: the next generation, adaptation or end, or nothing while the
/// scores or measurements the step needs have not arrived (they are asked for once).</summary>
internal sealed record NatRun(RunState State, ISearchSpace Space, string Submitted)
{
    private SearchStarted Started => State.Started!;

    private Guid RunId => Started.RunId;

    /// <summary>The rules version the run recorded; streams from before versions were recorded are version 1.</summary>
    private int Rules => Started.Rules ?? 1;

    private int Step(int iteration, int generation) => iteration * (Started.Generations + 1) + generation;

    public IReadOnlyList<IRunMessage> Next()
    {
        if (State.Finished)
        {
            return [];
        }

        if (State.LastGeneration is not { } last)
        {
            return PseudoLabels() ?? GenerationZero(0);
        }

        if (last.Generation < Started.Generations)
        {
            return NextGeneration(last);
        }

        if (Adapt(last) is not { } adaptation)
        {
            return [];
        }

        if (adaptation.Count > 0)
        {
            return adaptation;
        }

        return last.Iteration + 1 < Started.Iterations ? GenerationZero(last.Iteration + 1) : [Complete(last)];
    }

    /// <summary>Generation 0: the initial archive, or (later iterations) the whole archive re-scored by the refit predictor.</summary>
    private IReadOnlyList<IRunMessage> GenerationZero(int iteration)
    {
        var step = Step(iteration, 0);
        var objectives = Objectives(iteration);
        var pool = iteration == 0 ? InitialArchive() : State.Archive.Where(c => !State.WasSentBefore(c, iteration)).ToList();
        if (iteration == 0 && Started.AdaptPerIteration > 0 && MeasureInitialArchive(pool) is { } measuring)
        {
            return measuring;
        }

        var missing = pool.Where(c => (iteration == 0 ? State.Metrics(c, 0, Limit(0)) is null : !State.HasScoreSince(c, step)) || LacksLatency(objectives, c)).ToList();
        if (missing.Count > 0)
        {
            return Request(step, missing);
        }

        var archive = State.Archive.Concat(pool.Where(c => !State.InArchiveAlready(c))).ToList();
        var random = GenerationRandom.Create(Started.Seed, step);
        var population = Driver(objectives).Start(archive.Select(c => Individual(objectives, c)).ToList(), random);
        var scale = iteration == 0 ? FrontReport.FromArchive(population.Population.Select(i => i.Objectives).ToList()) : Scale();
        return [Report(iteration, 0, population, objectives, scale, random, pool)];
    }

    private IReadOnlyList<IRunMessage> NextGeneration(GenerationCompleted last)
    {
        var (iteration, generation) = (last.Iteration, last.Generation + 1);
        var step = Step(iteration, generation);
        var objectives = Objectives(iteration);
        var driver = Driver(objectives);
        var population = Restore(last, objectives);
        var random = GenerationRandom.Create(Started.Seed, step);
        var parents = last.Selected!.Members.ToHashSet(StringComparer.Ordinal);
        var children = driver.ProposeOffspring(population, random)
            .Select(x => Encode(Space.Repair(x.Select(v => (int)v).ToArray())))
            .Distinct().Where(c => !parents.Contains(c)).ToList();
        var missing = children.Where(c => State.Metrics(c, iteration, Limit(iteration)) is null || LacksLatency(objectives, c)).ToList();
        if (missing.Count > 0)
        {
            return Request(step, missing);
        }

        var next = driver.Survive(population, children.Select(c => Individual(objectives, c)).ToList(), random);
        return [Report(iteration, generation, next, objectives, Scale(), random, children)];
    }

    /// <summary>NAT's adaptation step: front members not adapted before, chosen by <see cref="AdaptationChoice"/> under
    /// the run's rules, go to the Adapt stage. Null while their measurements are outstanding; empty when there is
    /// nothing (more) to send.</summary>
    private IReadOnlyList<IRunMessage>? Adapt(GenerationCompleted last)
    {
        if (Started.AdaptPerIteration == 0)
        {
            return [];
        }

        var iteration = last.Iteration;
        var objectives = Objectives(iteration);
        var pool = FrontReport.FirstFront(Restore(last, objectives).Population).Select(i => Name(i.Decision)).Distinct()
            .Where(c => !State.WasSentBefore(c, iteration))
            .Select(c => new AdaptationCandidate(c, objectives.Evaluate(c).Objectives)).ToList();
        var chosen = Rules < 2
            ? AdaptationChoice.ByFirstObjective(pool, Started.AdaptPerIteration)
            : AdaptationChoice.SpreadAlongFront(pool, Started.AdaptPerIteration);
        var unsent = chosen.Where(c => !State.WasSentForAdaptation(c)).ToList();
        if (unsent.Count > 0)
        {
            return unsent.Select(c => (IRunMessage)new AdaptSubnet(RunId, RequestIds.For(RunId, $"adapt/{c}"), iteration, Candidate.Point(c),
                State.Submission!.Tasks, Started.Seed)).ToList();
        }

        return chosen.All(State.IsAdapted) ? [] : null;
    }

    /// <summary>
    /// NAT evaluates its first archive with the supernet: with adaptation on, the initial archive goes to the Adapt stage
    /// to be measured (<see cref="AdaptSubnet.InitialArchive"/>, no adaptation), and the predictor is fitted on
    /// those measurements before any candidate is predicted, so predicted and measured values share one scale. The
    /// requests, or nothing while their measurements are outstanding; null once all are in.
    /// </summary>
    private IReadOnlyList<IRunMessage>? MeasureInitialArchive(IReadOnlyList<string> pool)
    {
        var unsent = pool.Where(c => !State.WasSentForAdaptation(c)).ToList();
        if (unsent.Count > 0)
        {
            return unsent.Select(c => (IRunMessage)new AdaptSubnet(RunId, RequestIds.For(RunId, $"adapt/{c}"), AdaptSubnet.InitialArchive, Candidate.Point(c),
                State.Submission!.Tasks, Started.Seed)).ToList();
        }

        return pool.All(State.IsAdapted) ? null : [];
    }

    /// <summary>
    /// AIO-P's labels before the search: each task of the run gets the pseudo-labels of the networks
    /// <see cref="PseudoLabelPoints"/> picks, so the Predict stage refits that task's predictor on labels of its own
    /// before generation 0 is scored. The requests, or nothing while labels are outstanding; null once all are in (or
    /// the run asked for none).
    /// </summary>
    private IReadOnlyList<IRunMessage>? PseudoLabels()
    {
        if (Started.PseudoLabels is not { } count || count <= 0)
        {
            return null;
        }

        var points = PseudoLabelPoints(count);
        var requests = State.Submission!.Tasks.Distinct(StringComparer.Ordinal)
            .SelectMany(task => points.Select(point =>
                new PseudoLabelRequested(RunId, RequestIds.For(RunId, $"pseudo-label/{task}/{point}"), task, Candidate.Point(point), Started.Seed)))
            .ToList();
        var unsent = requests.Where(r => !State.WasPseudoLabelAsked(r.RequestId)).ToList();
        if (unsent.Count > 0)
        {
            return unsent;
        }

        return requests.All(r => State.HasPseudoLabel(r.RequestId)) ? null : [];
    }

    /// <summary>The networks to pseudo-label, spread over the space's cost: the smallest and largest, then seeded samples
    /// sorted by MACs and taken at evenly spaced ranks (a stratified sample, not a clump of mid-sized networks).</summary>
    private List<string> PseudoLabelPoints(int count)
    {
        var random = GenerationRandom.Create(Started.Seed, -2);
        var points = new List<string> { Encode(Space.Smallest), Encode(Space.Largest) };
        var samples = Enumerable.Range(0, 4 * count).Select(_ => Encode(Space.Repair(Space.Sample(random))))
            .Where(c => !points.Contains(c)).Distinct()
            .OrderBy(c => Space.Cost(CandidateCodec.Genes(c)).Macs).ThenBy(c => c, StringComparer.Ordinal).ToList();
        var wanted = Math.Min(samples.Count, count - 2);
        for (var i = 0; i < wanted; i++)
        {
            points.Add(samples[wanted == 1 ? samples.Count / 2 : (int)((long)i * (samples.Count - 1) / (wanted - 1))]);
        }

        return points.Distinct().Take(count).ToList();
    }

    private SearchCompleted Complete(GenerationCompleted last)
    {
        var objectives = Objectives(last.Iteration);
        var front = FrontReport.FirstFront(Restore(last, objectives).Population);
        return new SearchCompleted(RunId, FrontReport.Members(front, Name, c => Member(objectives, c)),
            objectives.Constraints.Select(c => BestUnder(c, objectives)).ToList());
    }

    private List<string> InitialArchive()
    {
        var random = GenerationRandom.Create(Started.Seed, -1);
        var pool = new List<string> { Submitted, Encode(Space.Smallest), Encode(Space.Largest) };
        for (var i = 0; i < Started.InitialSamples; i++)
        {
            pool.Add(Encode(Space.Repair(Space.Sample(random))));
        }

        return pool.Distinct().ToList();
    }

    /// <summary>Measured subnets skip scoring; with latency in the objectives they are still scored once, for their timing.</summary>
    private bool LacksLatency(ObjectiveSpace objectives, string candidate) => objectives.NeedsLatency && State.Latency(candidate) is null;

    private IReadOnlyList<IRunMessage> Request(int step, IReadOnlyList<string> missing) => State.WasRequested(step)
        ? []
        : [new ScoreCandidates(RunId, RequestIds.For(RunId, $"score/{step}"), step, State.Submission!.Tasks, missing.Select(Candidate.Point).ToList())];

    private GenerationCompleted Report(
        int iteration, int generation, Nsga3State population, ObjectiveSpace objectives, FrontReport scale, Random random, IEnumerable<string> admitted)
    {
        var front = FrontReport.FirstFront(population.Population);
        var selected = new SelectedPopulation(admitted.ToList(), population.Population.Select(i => Name(i.Decision)).ToList(),
            population.IdealPoint.Select(Storable).ToList(), population.ExtremePoints?.Select(p => (IReadOnlyList<double>)p.Select(Storable).ToList()).ToList());
        return new GenerationCompleted(RunId, iteration, generation, FrontReport.Members(front, Name, c => Member(objectives, c)),
            scale.Hypervolume(front, random), Started.Seed, selected);
    }

    /// <summary>PostgreSQL's jsonb has no negative zero: -0 is recorded as 0, and every next generation starts from the
    /// recorded figures, so a live run and its redrive (in memory) read the same numbers.</summary>
    private static double Storable(double value) => value == 0 ? 0 : value;

    /// <summary>NSGA-III's state as the last generation left it, its members evaluated as the iteration knows them.</summary>
    private Nsga3State Restore(GenerationCompleted last, ObjectiveSpace objectives) => new(
        last.Generation,
        last.Selected!.Members.Select(c => Individual(objectives, c)).ToList(),
        last.Selected.IdealPoint.ToArray(),
        last.Selected.ExtremePoints?.Select(p => p.ToArray()).ToArray()!);

    /// <summary>The hypervolume's scale: the first population's range, as the first iteration evaluated it.</summary>
    private FrontReport Scale()
    {
        var objectives = Objectives(0);
        return FrontReport.FromArchive(State.FirstPopulation!.Members.Select(c => objectives.Evaluate(c).Objectives).ToList());
    }

    /// <summary>The best archived candidate meeting the constraint; when none does, the infeasibility is said with the
    /// figure of the candidate that came closest.</summary>
    private ConstrainedBest BestUnder(Contracts.Model.Constraint constraint, ObjectiveSpace objectives)
    {
        var best = State.Archive.Where(c => objectives.Satisfies(c, constraint))
            .OrderBy(c => objectives.Evaluate(c).Objectives[0]).ThenBy(c => Space.Cost(CandidateCodec.Genes(c)).Macs).ThenBy(c => c, StringComparer.Ordinal)
            .Select(c => Member(objectives, c)).FirstOrDefault();
        return new ConstrainedBest(ObjectiveSpace.Label(constraint), best, best is null ? objectives.Closest(State.Archive, constraint) : null);
    }

    private int Limit(int iteration) => Step(iteration + 1, 0);

    private ObjectiveSpace Objectives(int iteration)
    {
        var limit = Limit(iteration);
        var costs = new Dictionary<string, ArchitectureCost>(StringComparer.Ordinal);
        return new ObjectiveSpace(State.Submission!, c => State.Metrics(c, iteration, limit),
            c => costs.TryGetValue(c, out var cost) ? cost : costs[c] = Space.Cost(CandidateCodec.Genes(c)), Submitted,
            c => State.IsMeasuredIn(c, iteration), State.Latency);
    }

    private Nsga3Driver Driver(ObjectiveSpace objectives) =>
        new(new SearchSpaceProblem(Space, objectives.Objectives.Count, objectives.Constraints.Count),
            new Nsga3Options(Started.Population, ReferenceDirectionsFor.Population(objectives.Objectives.Count, Started.Population))
            {
                MutationEta = Started.MutationEta ?? SearchStarted.UnrecordedMutationEta,
            });

    /// <summary>A front member as the user reads it; from rules version 2 on, with where each value came from.</summary>
    private FrontMember Member(ObjectiveSpace objectives, string candidate) =>
        new(Candidate.Point(candidate), objectives.Named(candidate), Rules < 2 ? null : objectives.Origins(candidate));

    private static Individual Individual(ObjectiveSpace objectives, string candidate)
    {
        var (f, g) = objectives.Evaluate(candidate);
        return Optimization.Problems.Individual.From(CandidateCodec.Genes(candidate).Select(v => (double)v).ToArray(), new Evaluation(f, g));
    }

    private string Name(double[] decision) => Encode(decision.Select(v => (int)v).ToArray());

    private string Encode(IReadOnlyList<int> genes) => CandidateCodec.Encode(Space.Name, genes);
}
