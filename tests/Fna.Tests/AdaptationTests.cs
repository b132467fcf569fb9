using NasPipeline.Fna.Adaptation;
using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Costs;
using NasPipeline.Fna.Remapping;
using NasPipeline.Fna.Super;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Tests;

/// <summary>FNA's architecture adaptation (α trained against the cost term, derived by argmax, reproducible from its
/// seed) and parameter adaptation (a remapped network starts where the seed is).</summary>
public sealed class AdaptationTests
{
    private static readonly IVisionTask Classification = TaskRegistry.CreateDefault().Get("classification");

    [Fact]
    public void The_halves_are_disjoint_cover_the_data_and_follow_the_seed()
    {
        var (weights, alphas) = ArchitectureAdaptation.Split(101, 5);

        Assert.Equal(50, weights.Length);
        Assert.Equal(51, alphas.Length);
        Assert.Equal(Enumerable.Range(0, 101), weights.Concat(alphas).Order());
        Assert.Equal(weights, ArchitectureAdaptation.Split(101, 5).Weights);
        Assert.NotEqual(weights, ArchitectureAdaptation.Split(101, 6).Weights);
    }

    [Fact]
    public void A_heavy_cost_term_moves_alpha_to_cheaper_candidates_and_the_derived_network_follows()
    {
        var data = Classification.Prepare(TaskImages.Train(512), seed: 1);

        var (result, costs) = Search(data, costWeight: 2.0, seed: 3);

        var uniform = costs.FixedMacs + costs.CandidateMacs.Sum(c => c.Average(m => (double)m));
        Assert.True(result.ExpectedMacs < 0.8 * uniform, $"expected {result.ExpectedMacs:F0} MACs against {uniform:F0} at the start");
        var derivedChoices = result.Derived.Stages.SelectMany(s => s.Layers).ToList();
        var mostProbable = result.Probabilities.Select((p, layer) => p.ToList().IndexOf(p.Max())).ToList();
        Assert.Equal(costs.MacsOf(mostProbable), result.DerivedMacs);
        Assert.True(result.DerivedMacs < uniform, $"derived {result.DerivedMacs} MACs");
        Assert.All(result.Probabilities, p => Assert.Equal(1.0, p.Sum(), 4));
        Assert.Equal(12, derivedChoices.Count);
    }

    [Fact]
    public void Data_smaller_than_two_batches_still_trains_alpha_every_epoch()
    {
        var data = Classification.Prepare(TaskImages.Train(40), seed: 1);
        random.manual_seed(7);
        using var seedNetwork = new ChainNetwork(ChainArchitecture.MobileNetV2Like());
        var steps = new List<ArchitectureAdaptationProgress>();

        var result = SeedAdaptation.Search(seedNetwork, null, Classification, data, new ArchitectureAdaptationOptions(0, 2, 128, 1e-3, 0.3, 1.0, 7),
            new Progress(steps.Add));

        Assert.Equal(2, result.Steps);
        Assert.All(steps, s => Assert.NotNull(s.ExpectedMacs));
        Assert.Contains(result.Probabilities, p => p.Max() > p.Min());
    }

    [Fact]
    public void The_same_seed_gives_the_same_alphas()
    {
        var data = Classification.Prepare(TaskImages.Train(256), seed: 1);

        var (first, _) = Search(data, costWeight: 0.5, seed: 4);
        var (second, _) = Search(data, costWeight: 0.5, seed: 4);

        Assert.Equal(first.Probabilities.SelectMany(p => p), second.Probabilities.SelectMany(p => p));
        Assert.Equal(first.Derived.Describe(), second.Derived.Describe());
    }

    [Fact]
    public void A_remapped_network_starts_with_the_seeds_metric_and_a_random_one_does_not()
    {
        var train = Classification.Prepare(TaskImages.Train(2048), seed: 1);
        var validation = Classification.Prepare(TaskImages.Validation(500), seed: 2);
        var (seed, head) = TaskTrainer.CreateModel(Classification, () => new ChainNetwork(ChainArchitecture.MobileNetV2Like()), seed: 5);
        new TaskTrainer(seed, head, Classification, new TrainerOptions(2, 64, 3e-3, 0, 5)).Train(train);
        var seedMetric = TaskEvaluator.Evaluate(seed, head, Classification, validation);
        var k5 = LayerOp.MbConv(5, 6);
        var target = ChainArchitecture.MobileNetV2Like().WithLayers([[k5, k5], [k5, k5], [k5, k5], [k5, k5]]);
        var budget = new TrainerOptions(1, 64, 1e-3, 0, 6, MaxSteps: 4);

        var remapped = ParameterAdaptation.Run((ChainNetwork)seed, head, target, Classification, train, validation, budget, Initialisation.Remapped);
        var random = ParameterAdaptation.Run((ChainNetwork)seed, head, target, Classification, train, validation, budget, Initialisation.Random);

        Assert.True(seedMetric > 0.5, $"seed top-1 {seedMetric}");
        Assert.Equal(seedMetric, remapped.MetricBefore, 3);
        Assert.True(random.MetricBefore < seedMetric - 0.3, $"random start {random.MetricBefore}, seed {seedMetric}");
        Assert.True(remapped.MetricAfter > random.MetricAfter, $"after 4 steps: remapped {remapped.MetricAfter}, random {random.MetricAfter}");
    }

    [Fact]
    public void Chunks_resumed_by_fresh_adaptations_from_the_saved_state_compute_what_one_run_computes()
    {
        var data = Classification.Prepare(TaskImages.Train(256), seed: 1);
        random.manual_seed(11);
        using var seedNetwork = new ChainNetwork(ChainArchitecture.MobileNetV2Like());
        var options = new ArchitectureAdaptationOptions(1, 2, 32, 1e-3, 0.3, 1.0, 5, MaxStepsPerEpoch: 3, AlphaBatchSize: 16);
        Assert.Equal(9, ArchitectureAdaptation.TotalSteps(data.Count, options));

        ArchitectureAdaptationResult whole;
        byte[] wholeState;
        using (var expanded = SeedAdaptation.Expand(seedNetwork, null, Classification, options.Seed))
        using (var adaptation = new ArchitectureAdaptation(expanded.Super, expanded.Head, Classification, expanded.Costs, options))
        {
            whole = adaptation.Run(data);
            wholeState = adaptation.SaveState();
        }

        // Cut mid-epoch (4) and at an epoch's start (6), each chunk on a new instance as another process would run it.
        byte[]? state = null;
        ArchitectureAdaptationResult? chunked = null;
        foreach (var (from, to) in new[] { (0, 4), (4, 6), (6, 9) })
        {
            using var expanded = SeedAdaptation.Expand(seedNetwork, null, Classification, options.Seed);
            using var adaptation = new ArchitectureAdaptation(expanded.Super, expanded.Head, Classification, expanded.Costs, options);
            if (state is not null)
            {
                adaptation.RestoreState(state);
            }

            adaptation.Train(data, from, to);
            state = adaptation.SaveState();
            chunked = adaptation.Result();
        }

        Assert.Equal(whole.Probabilities, chunked!.Probabilities);
        Assert.Equal(wholeState, state);
        Assert.Equal(whole.Derived.Describe(), chunked.Derived.Describe());
        Assert.Equal(9, chunked.Steps);
        Assert.NotEqual(whole.Probabilities[0], Enumerable.Repeat(1.0 / whole.Probabilities[0].Count, whole.Probabilities[0].Count).ToList());
    }

    [Fact]
    public void Steps_outside_the_adaptation_are_refused()
    {
        var data = Classification.Prepare(TaskImages.Train(64), seed: 1);
        random.manual_seed(3);
        using var seedNetwork = new ChainNetwork(ChainArchitecture.MobileNetV2Like());
        var options = new ArchitectureAdaptationOptions(0, 1, 32, 1e-3, 0.3, 1.0, 3);
        using var expanded = SeedAdaptation.Expand(seedNetwork, null, Classification, options.Seed);
        using var adaptation = new ArchitectureAdaptation(expanded.Super, expanded.Head, Classification, expanded.Costs, options);

        Assert.Throws<ArgumentOutOfRangeException>(() => adaptation.Train(data, 0, 2));
    }

    private sealed class Progress(Action<ArchitectureAdaptationProgress> report) : IProgress<ArchitectureAdaptationProgress>
    {
        public void Report(ArchitectureAdaptationProgress value) => report(value);
    }

    private static (ArchitectureAdaptationResult Result, SuperChainCosts Costs) Search(TaskData data, double costWeight, int seed)
    {
        random.manual_seed(seed);
        using var seedNetwork = new ChainNetwork(ChainArchitecture.MobileNetV2Like());
        using var super = new SuperChain(seedNetwork.Architecture, SuperNetworkSpace.Default);
        NetworkExpansion.ExpandInto(seedNetwork, super);
        var head = Classification.CreateHead(super.Features);
        var costs = SuperChainCosts.Measure(super, 28);
        var options = new ArchitectureAdaptationOptions(0, 1, 32, 1e-3, 0.3, costWeight, seed, MaxStepsPerEpoch: 6);
        using var adaptation = new ArchitectureAdaptation(super, head, Classification, costs, options);
        return (adaptation.Run(data), costs);
    }
}
