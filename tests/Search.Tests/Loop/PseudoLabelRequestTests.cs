using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using static NasPipeline.Search.Tests.Loop.LoopHarness;

namespace NasPipeline.Search.Tests.Loop;

/// <summary>AIO-P's labels before NAT's search: with <c>--pseudo-labels N</c> each task gets N networks' pseudo-labels,
/// spread over the space's cost, and generation 0 waits until all are in.</summary>
public sealed class PseudoLabelRequestTests
{
    private static readonly NatSearchDecider Decider =
        new(Spaces, new SearchSettings(Population: 12, Generations: 2, Iterations: 1, AdaptPerIteration: 0, InitialSamples: 6, PseudoLabels: 6));

    [Fact]
    public void Each_task_gets_n_requests_spread_from_the_smallest_to_the_largest_network_and_generation_0_waits_for_every_label()
    {
        var stream = TwoTasks();
        var first = Decider.Decide(RunState.Fold(stream));
        stream.AddRange(first);
        var requests = first.OfType<PseudoLabelRequested>().ToList();

        Assert.Equal(6, Assert.IsType<SearchStarted>(first[0]).PseudoLabels);
        Assert.Empty(first.OfType<ScoreCandidates>());
        Assert.Equal(12, requests.Count);
        foreach (var task in new[] { TaskName, "segmentation" })
        {
            var networks = requests.Where(r => r.Task == task).Select(r => r.Architecture.Name).ToList();
            Assert.Equal(6, networks.Distinct().Count());
            Assert.Equal(CandidateCodec.Encode(Space.Name, Space.Smallest), networks[0]);
            Assert.Equal(CandidateCodec.Encode(Space.Name, Space.Largest), networks[1]);
            var macs = networks.Skip(2).Select(n => Space.Cost(CandidateCodec.Genes(n)).Macs).ToList();
            Assert.Equal(macs.Order(), macs);
        }

        // Asked once: deciding again before any answer asks for nothing.
        Assert.Empty(Decider.Decide(RunState.Fold(stream)));
        var allButOne = new List<object>(stream);
        allButOne.AddRange(requests.Skip(1).Select(Label));
        Assert.Empty(Decider.Decide(RunState.Fold(allButOne)));
        var all = new List<object>(allButOne) { Label(requests[0]) };
        Assert.IsType<ScoreCandidates>(Assert.Single(Decider.Decide(RunState.Fold(all))));
    }

    [Fact]
    public void A_run_with_pseudo_labels_completes_and_redrives_identically_and_the_same_seed_asks_for_the_same_networks()
    {
        var run = DriveWithLabels(TwoTasks());
        var again = DriveWithLabels(TwoTasks());

        Assert.Single(run.OfType<SearchCompleted>());
        Assert.True(SearchRedrive.Check(run, Spaces).Identical);
        Assert.Equal(run.OfType<PseudoLabelRequested>().Select(r => (r.Task, r.Architecture.Name, r.RequestId)),
            again.OfType<PseudoLabelRequested>().Select(r => (r.Task, r.Architecture.Name, r.RequestId)));
        Assert.Empty(Drive(Decider(), Given()).OfType<PseudoLabelRequested>());
    }

    private static List<object> DriveWithLabels(List<object> stream)
    {
        var state = RunState.Fold(stream);
        var decided = Decider.Decide(state);
        stream.AddRange(decided);
        stream.AddRange(decided.OfType<PseudoLabelRequested>().Select(Label));
        return Drive(Decider, stream, score: request => new CandidateScored(request.RunId, request.RequestId, request.Generation, 1,
            request.Candidates.Select(c => new CandidateScore(c, new Dictionary<string, double> { [TaskName] = Predicted(c.Name), ["segmentation"] = 1 - Predicted(c.Name) }, 0.0)).ToList()));
    }

    private static List<object> TwoTasks()
    {
        var stream = Given();
        var submitted = (ModelSubmitted)stream[0];
        stream[0] = submitted with
        {
            Tasks = [TaskName, "segmentation"],
            Objectives = [.. submitted.Objectives, new Objective("segmentation", ObjectiveDirection.Maximize)],
        };
        return stream;
    }

    private static PseudoLabelReady Label(PseudoLabelRequested request) =>
        new(request.RunId, request.RequestId, request.Task, [new PseudoLabel(request.Architecture, 0.5)], 1, 1.0, "s", "h");
}
