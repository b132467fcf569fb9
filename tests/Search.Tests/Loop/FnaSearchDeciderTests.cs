using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Search.Tests.Loop;

/// <summary>FNA in place of the mutation search (<c>--fna</c>): one architecture adaptation asked for, then the submitted
/// and the derived network sent to be fine-tuned and measured, and the run completed on the measurements.</summary>
public sealed class FnaSearchDeciderTests
{
    private static readonly Guid RunId = Guid.NewGuid();
    private static readonly string Seed = new('a', 64);
    private static readonly string DerivedModel = new('d', 64);
    private static readonly FnaOptions Options = new(0.5, TargetMacsFactor: 0.8);

    [Theory]
    [InlineData(null, 0.79, 1)]
    [InlineData(0.02, 0.79, 1)]
    [InlineData(0.005, 0.79, 0)]
    public void The_run_adapts_the_architecture_then_measures_both_networks_and_returns_the_one_the_measurements_allow(double? maxDrop, double derivedTop1, int returnedStep)
    {
        var decider = new FnaSearchDecider();
        var stream = new List<object>
        {
            new ModelSubmitted(RunId, DateTimeOffset.UnixEpoch, new OnnxModelRef(Seed, "seed.onnx", 100), null, ["1x1x28x28"], ["classification"],
                [new Objective("classification", ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)],
                [new Constraint(CostNames.Macs, ConstraintOperator.AtMost, 0.9, RelativeToSubmitted: true)], 5, MaxDrop: maxDrop, Fna: Options),
            new GraphExtracted(RunId, "graph", 40, 39, 10_000_000, 100_000, new Dictionary<string, int>(), "test", 8, 13, 1.0),
        };

        var first = Decide(decider, stream);
        var started = Assert.IsType<SearchStarted>(first[0]);
        Assert.Equal(FnaSearchDecider.SpaceName, started.Space);
        var asked = Assert.IsType<AdaptArchitecture>(first[1]);
        Assert.Equal((Seed, "classification", Options, 5), (asked.SeedModelBlobHash, asked.Task, asked.Options, asked.Seed));
        Assert.Empty(Decide(decider, stream));

        stream.Add(new ArchitectureDerived(RunId, asked.RequestId, "classification", "16 | 24/s2: k3e3", [[0.5, 0.5]], 6.9e6, 6_000_000, DerivedModel, 7_000_000, 80_000));
        var requests = Decide(decider, stream).Cast<AdaptSubnet>().ToList();
        Assert.Equal([Seed, DerivedModel], requests.Select(r => r.Candidate.Name));
        Assert.All(requests, r => Assert.Equal((CandidateKind.OnnxModel, 5), (r.Candidate.Kind, r.Seed)));
        Assert.Empty(Decide(decider, stream));

        stream.Add(new SubnetAdapted(RunId, requests[0].RequestId, requests[0].Candidate, new Dictionary<string, double> { ["classification"] = 0.80 }, "seed-tuned", 1));
        Assert.Empty(Decide(decider, stream));
        stream.Add(new SubnetAdapted(RunId, requests[1].RequestId, requests[1].Candidate, new Dictionary<string, double> { ["classification"] = derivedTop1 }, "derived-tuned", 1));
        var completed = Assert.IsType<SearchCompleted>(Assert.Single(Decide(decider, stream)));

        var measured = completed.Measured!;
        Assert.Equal((Seed, 10_000_000L, 0.80, 0), (measured.Original.ModelBlobHash, measured.Original.Macs, measured.Original.Measured["classification"], measured.Original.Step));
        Assert.Equal((DerivedModel, 7_000_000L, derivedTop1, 1), (measured.Kept.ModelBlobHash, measured.Kept.Macs, measured.Kept.Measured["classification"], measured.Kept.Step));
        Assert.Empty(measured.Kept.Predicted);
        Assert.Equal(returnedStep, measured.Choice?.Step ?? 1);
        Assert.Equal(returnedStep == 1 ? "derived-tuned" : "seed-tuned", completed.ModelBlobHash);
        var best = Assert.Single(completed.Front);
        Assert.Equal(returnedStep == 1 ? 7_000_000 : 10_000_000, best.Objectives[CostNames.Macs]);
        Assert.Equal(ValueOrigin.Measured, best.Origins!["classification"]);
        Assert.Equal(ValueOrigin.Exact, best.Origins[CostNames.Macs]);
        // The derived network meets macs <= 0.9x; the original, returned when it drops too far, does not.
        Assert.Equal(returnedStep == 1, Assert.Single(completed.BestUnderConstraints).Best is not null);
        Assert.Contains(returnedStep == 1 ? "FNA" : "the submitted network", completed.ModelWeights, StringComparison.Ordinal);
        Assert.Empty(Decide(decider, stream));

        Assert.True(SearchRedrive.Check(stream, SearchSpaceRegistry.CreateDefault()).Identical);
    }

    /// <summary>Decides on the stream and records the decisions in it, as the Search stage appends them.</summary>
    private static IReadOnlyList<IRunMessage> Decide(FnaSearchDecider decider, List<object> stream)
    {
        var decisions = decider.Decide(RunState.Fold(stream));
        stream.AddRange(decisions);
        return decisions;
    }
}
