using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Optimization.Nsga3;
using NasPipeline.Optimization.Problems;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Search.Loop;

/// <summary>
/// NAT's loop as a pure decision: <c>Decide(state) -> messages not yet taken</c>. It replays the search from the
/// recorded scores (initial archive: the submitted point, the space's smallest and largest, seeded samples;
/// NSGA-III generation by generation on predicted metrics + exact MACs/params; then, per iteration, subnets sent
/// for adaptation and their measured metrics folded back) and stops at the first decision whose inputs have not
/// arrived, returning what the stream does not hold yet. Step <c>s = iteration (G + 1) + generation</c> draws from
/// <c>GenerationRandom(seed, s)</c>, so the same events always give the same decisions.
/// </summary>
/// <param name="settings">The configured budget; a submission's own budget overrides it part by part.</param>
public sealed class SearchPolicy(SearchSpaceRegistry spaces, SearchSettings settings)
{
    /// <summary>The messages this policy decides (everything else in a stream is an input to it).</summary>
    public static bool IsDecision(object message) =>
        message is SearchStarted or ScoreCandidates or GenerationCompleted or AdaptSubnet or SearchCompleted;

    public IReadOnlyList<IRunMessage> Decide(RunState state)
    {
        if (state.Finished || state.Graph is null || state.Submission is not { Point: { } point } submission
            || !spaces.TryGet(point.Space, out var space))
        {
            return [];
        }

        var budget = settings.With(submission.Budget);
        var started = state.Started ?? new SearchStarted(submission.RunId, space.Name, budget.Population, budget.Generations,
            budget.Iterations, budget.AdaptPerIteration, budget.InitialSamples, submission.Seed);
        var decisions = new List<IRunMessage>();
        if (state.Started is null)
        {
            decisions.Add(started);
        }

        new Walk(state, space, started, submission, decisions).Run(CandidateCodec.Encode(space.Name, space.Repair(point.Encoding)));
        return decisions;
    }

    /// <summary>One replay of the loop over the recorded state, collecting the decisions still to take.</summary>
    private sealed class Walk(RunState state, ISearchSpace space, SearchStarted started, ModelSubmitted submission, List<IRunMessage> decisions)
    {
        private readonly Dictionary<string, ArchitectureCost> _costs = new(StringComparer.Ordinal);
        private readonly List<string> _archive = [];
        private readonly HashSet<string> _inArchive = new(StringComparer.Ordinal);

        private int Step(int iteration, int generation) => iteration * (started.Generations + 1) + generation;

        public void Run(string submitted)
        {
            FrontReport? report = null;
            Nsga3State? population = null;
            ObjectiveSpace? objectives = null;
            for (var iteration = 0; iteration < started.Iterations; iteration++)
            {
                var limit = Step(iteration + 1, 0);
                var it = iteration;
                objectives = new ObjectiveSpace(submission, c => state.Metrics(c, it, limit), Cost, submitted);
                var driver = new Nsga3Driver(new SearchSpaceProblem(space, objectives.Objectives.Count, objectives.Constraints.Count),
                    new Nsga3Options(started.Population, ReferenceDirectionsFor.Population(objectives.Objectives.Count, started.Population)));

                // Generation 0: the initial archive, or (later iterations) the whole archive re-scored by the refit predictor.
                var step = Step(iteration, 0);
                var pool = iteration == 0 ? InitialArchive(submitted) : _archive.Where(c => !state.WasSentBefore(c, iteration)).ToList();
                var missing = pool.Where(c => iteration == 0 ? state.Metrics(c, 0, limit) is null : !state.HasScoreSince(c, step)).ToList();
                if (!Request(step, missing))
                {
                    return;
                }

                Admit(pool);
                var random = GenerationRandom.Create(started.Seed, step);
                population = driver.Start(_archive.Select(c => Individual(objectives, c)).ToList(), random);
                report ??= FrontReport.FromArchive(population.Population.Select(i => i.Objectives).ToList());
                Report(iteration, 0, population, objectives, report, random);

                for (var generation = 1; generation <= started.Generations; generation++)
                {
                    step = Step(iteration, generation);
                    random = GenerationRandom.Create(started.Seed, step);
                    var parents = population.Population.Select(i => Name(i.Decision)).ToHashSet(StringComparer.Ordinal);
                    var children = driver.ProposeOffspring(population, random)
                        .Select(x => CandidateCodec.Encode(space.Name, space.Repair(x.Select(v => (int)v).ToArray())))
                        .Distinct().Where(c => !parents.Contains(c)).ToList();
                    if (!Request(step, children.Where(c => state.Metrics(c, iteration, limit) is null).ToList()))
                    {
                        return;
                    }

                    Admit(children);
                    population = driver.Survive(population, children.Select(c => Individual(objectives, c)).ToList(), random);
                    Report(iteration, generation, population, objectives, report, random);
                }

                if (!Adapt(iteration, population, objectives))
                {
                    return;
                }
            }

            var front = FrontReport.FirstFront(population!.Population);
            decisions.Add(new SearchCompleted(submission.RunId, FrontReport.Members(front, Name, objectives!.Named),
                objectives.Constraints.Select(c => BestUnder(c, objectives)).ToList()));
        }

        private List<string> InitialArchive(string submitted)
        {
            var random = GenerationRandom.Create(started.Seed, -1);
            var pool = new List<string> { submitted, Encode(space.Smallest), Encode(space.Largest) };
            for (var i = 0; i < started.InitialSamples; i++)
            {
                pool.Add(Encode(space.Repair(space.Sample(random))));
            }

            return pool.Distinct().ToList();
        }

        /// <summary>True when nothing is missing; otherwise asks for the scores once and stops the walk.</summary>
        private bool Request(int step, IReadOnlyList<string> missing)
        {
            if (missing.Count == 0)
            {
                return true;
            }

            if (!state.WasRequested(step))
            {
                decisions.Add(new ScoreCandidates(submission.RunId, RequestIds.For(submission.RunId, $"score/{step}"), step,
                    submission.Tasks, missing));
            }

            return false;
        }

        private void Report(int iteration, int generation, Nsga3State population, ObjectiveSpace objectives, FrontReport report, Random random)
        {
            if (state.WasReported(iteration, generation))
            {
                return;
            }

            var front = FrontReport.FirstFront(population.Population);
            decisions.Add(new GenerationCompleted(submission.RunId, iteration, generation, FrontReport.Members(front, Name, objectives.Named),
                report.Hypervolume(front, random), started.Seed));
        }

        /// <summary>NAT's adaptation step: the best front members by the first objective not adapted before go to
        /// the Adapt stage; the next iteration waits for all of their measurements.</summary>
        private bool Adapt(int iteration, Nsga3State population, ObjectiveSpace objectives)
        {
            if (started.AdaptPerIteration == 0)
            {
                return true;
            }

            var chosen = FrontReport.FirstFront(population.Population).Select(i => Name(i.Decision)).Distinct()
                .Where(c => !state.WasSentBefore(c, iteration))
                .OrderBy(c => objectives.Evaluate(c).Objectives[0]).ThenBy(c => c, StringComparer.Ordinal)
                .Take(started.AdaptPerIteration).ToList();
            foreach (var candidate in chosen.Where(c => !state.WasSentForAdaptation(c)))
            {
                decisions.Add(new AdaptSubnet(submission.RunId, RequestIds.For(submission.RunId, $"adapt/{candidate}"), iteration, candidate,
                    submission.Tasks, started.Seed));
            }

            return chosen.All(state.IsAdapted);
        }

        /// <summary>The best archived candidate meeting the constraint; when none does, the infeasibility is said with
        /// the figure of the candidate that came closest.</summary>
        private ConstrainedBest BestUnder(Contracts.Model.Constraint constraint, ObjectiveSpace objectives)
        {
            var best = _archive.Where(c => objectives.Satisfies(c, constraint))
                .OrderBy(c => objectives.Evaluate(c).Objectives[0]).ThenBy(c => Cost(c).Macs).ThenBy(c => c, StringComparer.Ordinal)
                .Select(c => new FrontMember(c, objectives.Named(c))).FirstOrDefault();
            return new ConstrainedBest(ObjectiveSpace.Label(constraint), best, best is null ? objectives.Closest(_archive, constraint) : null);
        }

        private void Admit(IEnumerable<string> candidates)
        {
            foreach (var candidate in candidates.Where(_inArchive.Add))
            {
                _archive.Add(candidate);
            }
        }

        private Individual Individual(ObjectiveSpace objectives, string candidate)
        {
            var (f, g) = objectives.Evaluate(candidate);
            return Optimization.Problems.Individual.From(CandidateCodec.Genes(candidate).Select(v => (double)v).ToArray(), new Evaluation(f, g));
        }

        private string Name(double[] decision) => Encode(decision.Select(v => (int)v).ToArray());

        private string Encode(IReadOnlyList<int> genes) => CandidateCodec.Encode(space.Name, genes);

        private ArchitectureCost Cost(string candidate)
        {
            if (!_costs.TryGetValue(candidate, out var cost))
            {
                _costs[candidate] = cost = space.Cost(CandidateCodec.Genes(candidate));
            }

            return cost;
        }
    }
}
