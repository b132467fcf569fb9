using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Search.Loop;
using static NasPipeline.Search.Tests.Loop.LoopHarness;

namespace NasPipeline.Search.Tests.Loop;

/// <summary>NAT measures its first archive with the supernet before it predicts anything.</summary>
public sealed class InitialArchiveMeasurementTests
{
    [Fact]
    public void With_adaptation_the_initial_archive_is_sent_for_measurement_and_generation_0_waits_for_all_of_it()
    {
        var decider = Decider(adapt: 2);
        var stream = Given();
        var first = decider.Decide(RunState.Fold(stream));
        stream.AddRange(first);
        var requests = first.OfType<AdaptSubnet>().ToList();

        var waiting = new List<object>(stream) { Adapted(requests[0]) };
        var allButOne = new List<object>(stream);
        allButOne.AddRange(requests.Skip(1).Select(Adapted));
        var all = new List<object>(allButOne) { Adapted(requests[0]) };
        var next = decider.Decide(RunState.Fold(all));

        Assert.IsType<SearchStarted>(first[0]);
        Assert.Empty(first.OfType<ScoreCandidates>());
        Assert.Equal(13, requests.Count);
        Assert.All(requests, r => Assert.Equal(AdaptSubnet.InitialArchive, r.Iteration));
        Assert.Contains(requests, r => r.Candidate.Name == CandidateCodec(SubmittedPoint));
        Assert.Empty(decider.Decide(RunState.Fold(waiting)));
        Assert.Empty(decider.Decide(RunState.Fold(allButOne)));
        var generation = Assert.IsType<GenerationCompleted>(next[0]);
        Assert.Equal(0, generation.Generation);
        Assert.All(generation.Front, m => Assert.Equal(Predicted(m.Candidate.Name) - 0.05, m.Objectives[TaskName], 12));
    }

    [Fact]
    public void A_run_with_adaptation_completes_and_redrives_identically_and_one_without_asks_for_no_measurement()
    {
        var measured = Drive(Decider(adapt: 2, iterations: 2), Given());
        var predicted = Drive(Decider(adapt: 0), Given());

        Assert.Single(measured.OfType<SearchCompleted>());
        Assert.Equal(13, measured.OfType<AdaptSubnet>().Count(a => a.Iteration == AdaptSubnet.InitialArchive));
        Assert.True(SearchRedrive.Check(measured, Spaces).Identical);
        Assert.Empty(predicted.OfType<AdaptSubnet>());
        Assert.Single(predicted.OfType<SearchCompleted>());
    }

    private static string CandidateCodec(IReadOnlyList<int> genes) => SearchSpaces.CandidateCodec.Encode(Space.Name, genes);
}
