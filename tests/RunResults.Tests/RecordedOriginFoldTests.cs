using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.RunResults.Folding;
using NasPipeline.RunResults.Model;
using static NasPipeline.RunResults.Tests.RunEvents;

namespace NasPipeline.RunResults.Tests;

/// <summary>Front members that record their values' origins (rules version 2) are shown with that origin, even where
/// tracing by equal numbers would say otherwise.</summary>
public sealed class RecordedOriginFoldTests
{
    private static IEnumerable<object> Events(FrontMember member) =>
    [
        SubmittedPoint(Mbv3.Smallest, "classification"),
        Graph(Hash('g'), 881_208, 1),
        Predictor("classification", "gnn-adapter", 1),
        // The prediction and the measurement hold the same number: equality alone would call it measured.
        Scored(0, 1, (Largest, "classification", 0.90)),
        new AdaptSubnet(Run, Guid.NewGuid(), 0, Candidate.Point(Largest), ["classification"], 7),
        Adapted(Largest, "classification", 0.90),
        new SearchCompleted(Run, [member], []),
    ];

    private static FrontMember Recorded(ValueOrigin origin) => Member(Largest, ("classification", 0.90), ("macs", 1.0)) with
    {
        Origins = new Dictionary<string, ValueOrigin> { ["classification"] = origin, ["macs"] = ValueOrigin.Exact },
    };

    [Fact]
    public void A_recorded_prediction_is_shown_as_predicted_though_a_measurement_holds_the_same_number()
    {
        var value = RunResultFold.Of(Run, Events(Recorded(ValueOrigin.Predicted)), Spaces).Front[0].Value("classification");

        Assert.Equal(new ResultValue("classification", 0.90, ValueSource.Predicted), value);
    }

    [Fact]
    public void A_recorded_measurement_keeps_how_it_was_measured()
    {
        var value = RunResultFold.Of(Run, Events(Recorded(ValueOrigin.Measured)), Spaces).Front[0].Value("classification");

        Assert.Equal(new ResultValue("classification", 0.90, ValueSource.Measured, "adapted subnet"), value);
    }

    [Fact]
    public void Without_recorded_origins_the_value_is_traced_as_before()
    {
        var value = RunResultFold.Of(Run, Events(Member(Largest, ("classification", 0.90), ("macs", 1.0))), Spaces).Front[0].Value("classification");

        Assert.Equal(ValueSource.Measured, value!.Source);
    }
}
