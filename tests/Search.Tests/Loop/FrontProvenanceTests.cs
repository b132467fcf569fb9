using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Search.Loop;
using static NasPipeline.Search.Tests.Loop.LoopHarness;

namespace NasPipeline.Search.Tests.Loop;

/// <summary>Front members say whether each value was predicted, measured (a SubnetAdapted metric) or exact (MACs).</summary>
public class FrontProvenanceTests
{
    [Fact]
    public void Values_of_subnets_measured_in_an_earlier_iteration_are_measured_the_rest_predicted_and_macs_exact()
    {
        var stream = Drive(Decider(adapt: 3, iterations: 2), Given());
        // Only subnets sent before iteration 1 count in it (the initial archive and iteration 0's choice): one sent in
        // iteration 1 is measured after its decisions.
        var sentFirst = stream.OfType<AdaptSubnet>().Where(a => a.Iteration < 1).Select(a => a.Candidate.Name).ToHashSet();
        var measured = stream.OfType<SubnetAdapted>().Where(a => sentFirst.Contains(a.Candidate.Name)).ToDictionary(a => a.Candidate.Name, a => a.Metrics[TaskName]);
        var iterationOne = stream.OfType<GenerationCompleted>().Where(g => g.Iteration == 1).SelectMany(g => g.Front)
            .Concat(stream.OfType<SearchCompleted>().Single().Front).ToList();

        foreach (var member in iterationOne)
        {
            var origins = Assert.IsAssignableFrom<IReadOnlyDictionary<string, ValueOrigin>>(member.Origins);
            Assert.Equal(ValueOrigin.Exact, origins[CostNames.Macs]);
            var expected = measured.ContainsKey(member.Candidate.Name) ? ValueOrigin.Measured : ValueOrigin.Predicted;
            Assert.Equal(expected, origins[TaskName]);
            // The harness measures 0.05 below the prediction, so the value itself shows which one the search used.
            var value = expected == ValueOrigin.Measured ? measured[member.Candidate.Name] : Predicted(member.Candidate.Name);
            Assert.Equal(value, member.Objectives[TaskName]);
        }

        Assert.Contains(iterationOne, m => m.Origins![TaskName] == ValueOrigin.Measured);
    }

    [Fact]
    public void In_the_first_iteration_only_the_initial_archive_is_measured()
    {
        var stream = Drive(Decider(adapt: 2, iterations: 2), Given());
        var initial = stream.OfType<AdaptSubnet>().Where(a => a.Iteration == AdaptSubnet.InitialArchive).Select(a => a.Candidate.Name).ToHashSet();

        var front = stream.OfType<GenerationCompleted>().Where(g => g.Iteration == 0).SelectMany(g => g.Front).ToList();

        Assert.All(front, m => Assert.Equal(initial.Contains(m.Candidate.Name) ? ValueOrigin.Measured : ValueOrigin.Predicted, m.Origins![TaskName]));
        Assert.Contains(front, m => m.Origins![TaskName] == ValueOrigin.Predicted);
        Assert.Contains(front, m => m.Origins![TaskName] == ValueOrigin.Measured);
    }

    [Fact]
    public void A_stream_recorded_before_rules_had_versions_records_no_provenance()
    {
        var old = new SearchSettings(Population: 12, Generations: 4, Iterations: 1, InitialSamples: 10, MutationEta: null, Rules: null);

        var stream = Drive(new NatSearchDecider(Spaces, old), Given());

        Assert.All(stream.OfType<SearchCompleted>().Single().Front, m => Assert.Null(m.Origins));
        Assert.All(stream.OfType<SearchCompleted>().Single().BestUnderConstraints, b => Assert.Null(b.Best?.Origins));
    }
}
