using NasPipeline.RunResults.Folding;
using static NasPipeline.RunResults.Tests.RunEvents;

namespace NasPipeline.RunResults.Tests;

public sealed class CandidatesFoldTests
{
    [Fact]
    public void Every_score_of_every_batch_is_listed_in_order_with_its_request_and_version()
    {
        var result = RunResultFold.Of(Run,
        [
            SubmittedPoint(Mbv3.Smallest, "classification"),
            Scored(0, 1, (Smallest, "classification", 0.7), (Largest, "classification", 0.9)),
            Scored(4, 2, (Smallest, "classification", 0.75)),
        ], Spaces);

        Assert.Equal([(Smallest, 0, 1, 0.7), (Largest, 0, 1, 0.9), (Smallest, 4, 2, 0.75)],
            result.Candidates.Select(c => (c.Candidate, c.Generation, c.PredictorVersion, c.Scores["classification"])));
        Assert.Equal(Guid.Parse("00000000-0000-0000-0000-000000000005"), result.Candidates[2].RequestId);
        Assert.All(result.Candidates, c => Assert.Equal(0.01, c.Uncertainty));
    }
}
