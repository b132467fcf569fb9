using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Search.Loop;
using static NasPipeline.Search.Tests.Loop.LoopHarness;

namespace NasPipeline.Search.Tests.Loop;

public class SearchRedriveTests
{
    [Fact]
    public void Redriving_a_finished_run_reproduces_every_decision()
    {
        var recorded = Drive(Decider(adapt: 1, iterations: 2), Given());

        var report = SearchRedrive.Check(recorded, Spaces);

        Assert.True(report.Identical, $"{report.Recorded}\n!=\n{report.Redriven}");
        Assert.Equal(recorded.Count(e => e is SearchStarted or ScoreCandidates or GenerationCompleted or AdaptSubnet or SearchCompleted), report.Decisions);
    }

    [Fact]
    public void A_recorded_decision_that_was_altered_is_reported_where_it_differs()
    {
        var recorded = Drive(Decider(), Given());
        var index = recorded.FindIndex(e => e is GenerationCompleted { Generation: 2 });
        var generation = (GenerationCompleted)recorded[index];
        recorded[index] = generation with { Hypervolume = generation.Hypervolume + 1e-9 };

        var report = SearchRedrive.Check(recorded, Spaces);

        Assert.False(report.Identical);
        Assert.Contains("\"Generation\":2", report.Recorded);
        Assert.Equal(recorded.Take(index).Count(e => e is SearchStarted or ScoreCandidates or GenerationCompleted), report.FirstMismatch);
    }
}
