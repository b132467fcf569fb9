using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Search.Loop;
using NasPipeline.SubmissionChecks;
using static NasPipeline.Search.Tests.Loop.LoopHarness;

namespace NasPipeline.Search.Tests.Loop;

/// <summary>The mutation index: a setting (NAT's 1 by default), recorded in SearchStarted and used from there, and an
/// older stream without it deciding with the paper's 20 as it did.</summary>
public class MutationEtaSettingTests
{
    private static NatSearchDecider With(double? eta, int? rules) =>
        new(Spaces, new SearchSettings(Population: 12, Generations: 4, InitialSamples: 10, MutationEta: eta, Rules: rules));

    private static HashSet<string> Scored(List<object> stream) =>
        stream.OfType<ScoreCandidates>().SelectMany(s => s.Candidates).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void A_new_run_records_nat_s_index_and_the_current_rules()
    {
        var started = Assert.IsType<SearchStarted>(Decider().Decide(RunState.Fold(Given()))[0]);

        Assert.Equal((1.0, SearchStarted.CurrentRules), (started.MutationEta, started.Rules));
    }

    [Fact]
    public void A_stream_without_an_index_decides_with_the_paper_s_twenty_and_the_recorded_index_is_the_one_used()
    {
        var unrecorded = Drive(With(null, null), Given());
        var twenty = Drive(With(20, null), Given());
        var one = Drive(With(1, null), Given());

        Assert.Null(unrecorded.OfType<SearchStarted>().Single().MutationEta);
        Assert.True(Scored(unrecorded).SetEquals(Scored(twenty)));
        Assert.False(Scored(unrecorded).SetEquals(Scored(one)));
    }

    [Fact]
    public void Streams_with_and_without_the_new_fields_redrive_identically()
    {
        foreach (var decider in new[] { With(null, null), Decider(adapt: 1, iterations: 2) })
        {
            var report = SearchRedrive.Check(Drive(decider, Given()), Spaces);

            Assert.True(report.Identical, $"{report.Recorded}\n!=\n{report.Redriven}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(null)]
    public void An_index_that_is_not_a_positive_number_is_refused(double? eta)
    {
        var result = new SearchSettingsValidator(new StageCapabilities(Adapt: false)).Validate(new SearchSettings(MutationEta: eta));

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(SearchSettings.MutationEta));
        Assert.True(new SearchSettingsValidator(new StageCapabilities(Adapt: false)).Validate(new SearchSettings(MutationEta: 0.5)).IsValid);
    }
}
