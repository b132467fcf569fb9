using System.Diagnostics;
using NasPipeline.Adaptation.Nat;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Optimization.Indicators;
using NasPipeline.Prediction.Models;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Training;
using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Bench.Nat;

/// <summary>
/// NAT's claim at small scale (issue 12): the hypervolume of the measured front (top-1 against MACs) after the same
/// number of measured subnets, for full NAT (RBF predictor + NSGA-III + supernet adaptation), the same loop without
/// adaptation, and random search, each from the same trained supernet and data, over several seeds. The loop is the
/// product's <see cref="NatSearchDecider"/>, answered in process: scores by NAT's RBF ensemble fitted on every
/// measurement so far, measurements by the supernet with BN recalibration, adaptation by <see cref="SupernetAdaptation"/>
/// on subnets drawn from the archive's per-gene distribution.
/// </summary>
public static class NatClaimBench
{
    private const string TaskName = "classification";
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly IVisionTask Classification = TaskRegistry.CreateDefault().Get(TaskName);

    public static BenchTable Run(byte[] checkpointBytes, NatClaimOptions options)
    {
        var checkpoint = SupernetCheckpoint.Load(checkpointBytes);
        var recipe = SupernetExperiment.RecipeOf(checkpoint);
        var space = Spaces.Get(recipe.Space);
        var data = TaskDataSets.Load(Classification, new FashionMnistOptions(), options.TrainImages, options.EvaluationImages, seed: 1);
        var results = new List<NatArmResult>();
        for (var seed = options.FirstSeed; seed < options.FirstSeed + options.Seeds; seed++)
        {
            var full = Loop(space, recipe, checkpoint, data, options, seed, adapt: true);
            var fixedSupernet = Loop(space, recipe, checkpoint, data, options, seed, adapt: false);
            var randomSearch = RandomSearch(space, recipe, checkpoint, data, seed, full.Measured.Count);
            results.AddRange([full, fixedSupernet, randomSearch]);
            foreach (var arm in new[] { full, fixedSupernet, randomSearch })
            {
                Console.Error.WriteLine($"[nat-claim] seed {seed} {arm.Strategy}: {arm.Measured.Count} measured, hypervolume {arm.Hypervolume:F4}, best top-1 {arm.BestTop1:F4}, {arm.Seconds:F0} s");
                Console.Error.WriteLine($"[nat-claim]   measured (top-1 @ MMACs): {string.Join(", ", arm.Measured.Select(m => (Top1: m.Value, Macs: space.Cost(CandidateCodec.Genes(m.Key)).Macs)).OrderBy(m => m.Macs).Select(m => $"{m.Top1:F4}@{m.Macs / 1e6:F2}"))}");
            }
        }

        var table = new BenchTable($"NAT's claim ({space.Name}, {options.Seeds} seeds, {options.InitialSamples} initial + {options.Iterations} x {options.PerIteration} measured, " +
            $"{options.AdaptSteps} adaptation steps per iteration, top-1 on {options.EvaluationImages:N0} validation images; hypervolume of (1 - top-1, MACs / largest) to (1.1, 1.1))");
        var random = Mean(results, NatStrategy.Random, r => r.Hypervolume);
        foreach (var strategy in new[] { NatStrategy.FullNat, NatStrategy.NoAdaptation, NatStrategy.Random })
        {
            table.Add(new("nat-claim", $"{strategy}, mean of {options.Seeds} seeds", "hypervolume", Mean(results, strategy, r => r.Hypervolume), "", "random search", random));
            table.Add(new("nat-claim", $"{strategy}, mean of {options.Seeds} seeds", "best top-1", Mean(results, strategy, r => r.BestTop1), "", "random search", Mean(results, NatStrategy.Random, r => r.BestTop1)));
            table.Add(new("nat-claim", $"{strategy}, mean of {options.Seeds} seeds", "subnets measured", Mean(results, strategy, r => r.Measured.Count), "", "random search", Mean(results, NatStrategy.Random, r => r.Measured.Count)));
        }

        foreach (var result in results)
        {
            table.Add(new("nat-claim", $"{result.Strategy}, seed {result.Seed}", "hypervolume", result.Hypervolume, "", "random search, same seed",
                results.Single(r => r.Strategy == NatStrategy.Random && r.Seed == result.Seed).Hypervolume));
        }

        return table;
    }

    private static NatArmResult Loop(ISearchSpace space, SupernetRecipe recipe, SupernetCheckpoint checkpoint, TaskDataSets data, NatClaimOptions options, int seed, bool adapt)
    {
        var clock = Stopwatch.StartNew();
        using var experiment = Restore(space, recipe, checkpoint);
        var runId = new Guid(seed, 0, 0, [0, 0, 0, 0, 0, 0, 0, (byte)(adapt ? 1 : 0)]);
        var submitted = space.Repair(space.Sample(new Random(seed)));
        var cost = space.Cost(submitted);
        var stream = new List<object>
        {
            new ModelSubmitted(runId, DateTimeOffset.UnixEpoch, null, new SearchSpacePoint(space.Name, submitted), [], [TaskName],
                [new Objective(TaskName, ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)], [], seed),
            new GraphExtracted(runId, "nat-claim", 0, 0, cost.Macs, cost.Params, new Dictionary<string, int>(), "nat-claim", 0, 0, 0),
        };
        var decider = new NatSearchDecider(Spaces, new SearchSettings(options.Population, options.Generations, options.Iterations, options.PerIteration, options.InitialSamples));
        var state = RunState.Fold(stream);
        var measured = new Dictionary<string, double>(StringComparer.Ordinal);
        var adaptedIteration = int.MinValue;
        RbfScoringModel? model = null;
        while (decider.Decide(state) is { Count: > 0 } decided)
        {
            var answers = new List<object>();
            foreach (var message in decided)
            {
                switch (message)
                {
                    case ScoreCandidates request:
                        model = model is not null && model.TrainingSet.Targets.Count == measured.Count ? model : Fit(space, measured, options, seed);
                        answers.Add(new CandidateScored(request.RunId, request.RequestId, request.Generation, 1, request.Candidates
                            .Select(c => new CandidateScore(c, new Dictionary<string, double> { [TaskName] = model.Predict(CandidateCodec.Genes(c.Name)).Mean }, 0)).ToList()));
                        break;
                    case AdaptSubnet request:
                        if (adapt && request.Iteration >= 0 && request.Iteration != adaptedIteration)
                        {
                            Adapt(experiment, space, measured.Keys, data, options, seed * 1_000 + request.Iteration);
                            adaptedIteration = request.Iteration;
                        }

                        var top1 = experiment.Evaluate(CandidateCodec.Genes(request.Candidate.Name), data.Train, data.Validation);
                        measured[request.Candidate.Name] = top1;
                        answers.Add(new SubnetAdapted(request.RunId, request.RequestId, request.Candidate, new Dictionary<string, double> { [TaskName] = top1 }, "nat-claim", request.Seed));
                        break;
                }
            }

            foreach (var e in decided.Cast<object>().Concat(answers))
            {
                stream.Add(e);
                state = state.Evolve(e);
            }
        }

        return Result(adapt ? NatStrategy.FullNat : NatStrategy.NoAdaptation, seed, space, measured, clock);
    }

    private static NatArmResult RandomSearch(ISearchSpace space, SupernetRecipe recipe, SupernetCheckpoint checkpoint, TaskDataSets data, int seed, int budget)
    {
        var clock = Stopwatch.StartNew();
        using var experiment = Restore(space, recipe, checkpoint);
        var random = new Random(seed);
        var points = new List<IReadOnlyList<int>> { space.Repair(space.Sample(new Random(seed))), space.Smallest, space.Largest };
        var measured = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var attempt = 0; measured.Count < budget && attempt < budget * 20; attempt++)
        {
            var point = attempt < points.Count ? points[attempt] : space.Repair(space.Sample(random));
            var name = CandidateCodec.Encode(space.Name, point);
            if (!measured.ContainsKey(name))
            {
                measured[name] = experiment.Evaluate(point, data.Train, data.Validation);
            }
        }

        return Result(NatStrategy.Random, seed, space, measured, clock);
    }

    private static void Adapt(SupernetExperiment experiment, ISearchSpace space, IEnumerable<string> archive, TaskDataSets data, NatClaimOptions options, int seed)
    {
        var distribution = ArchiveDistribution.Of(space, archive.Select(c => (IReadOnlyList<int>)CandidateCodec.Genes(c)).ToList());
        var schedule = new AdaptationSchedule(options.AdaptSteps, options.BatchSize, options.LearningRate, options.WeightDecay, seed);
        using var adaptation = new SupernetAdaptation(experiment.Supernet, experiment.Head, Classification, distribution, schedule);
        adaptation.Train(data.Train, 0, options.AdaptSteps);
    }

    private static RbfScoringModel Fit(ISearchSpace space, IReadOnlyDictionary<string, double> measured, NatClaimOptions options, int seed)
    {
        var ordered = measured.OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        return new RbfScoringModel(new RbfTrainingSet(space.Name, options.RbfMembers, seed, ordered.Select(m => CandidateCodec.Genes(m.Key)).ToList(), ordered.Select(m => m.Value).ToList()));
    }

    private static SupernetExperiment Restore(ISearchSpace space, SupernetRecipe recipe, SupernetCheckpoint checkpoint)
    {
        var experiment = new SupernetExperiment(space, Classification, recipe);
        experiment.RestoreCheckpoint(checkpoint);
        return experiment;
    }

    private static NatArmResult Result(NatStrategy strategy, int seed, ISearchSpace space, Dictionary<string, double> measured, Stopwatch clock)
    {
        var largest = space.Cost(space.Largest).Macs;
        var points = measured.Select(m => new[] { 1 - m.Value, space.Cost(CandidateCodec.Genes(m.Key)).Macs / (double)largest }).ToList();
        return new NatArmResult(strategy, seed, measured, ExactHypervolume.Compute(points, [1.1, 1.1]), measured.Values.Max(), clock.Elapsed.TotalSeconds);
    }

    private static double Mean(IEnumerable<NatArmResult> results, NatStrategy strategy, Func<NatArmResult, double> value) =>
        results.Where(r => r.Strategy == strategy).Select(value).DefaultIfEmpty(double.NaN).Average();
}
