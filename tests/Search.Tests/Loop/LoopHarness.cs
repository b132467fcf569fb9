using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Search.Tests.Loop;

/// <summary>Given events for a point run, a predictor stub and an adaptation stub, and a driver that appends
/// each decision and the stubs' answers to an in-memory stream, as the stages would (no bus).</summary>
internal static class LoopHarness
{
    public static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    public static readonly ISearchSpace Space = Spaces.Get("mbv3-28");
    public static readonly Guid RunId = Guid.Parse("5f0c2a4e-9d1b-4a57-8f2e-1c3b5d7e9a01");
    public const string TaskName = "classification";

    public static IReadOnlyList<int> SubmittedPoint => Space.Repair(Space.Largest.Select((g, i) => i % 2 == 0 ? g : 0).ToArray());

    public static List<object> Given(int seed = 7) =>
        Given([new Objective(TaskName, ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)],
            [new Constraint(CostNames.Macs, ConstraintOperator.AtMost, 0.8, RelativeToSubmitted: true)], seed);

    public static List<object> Given(IReadOnlyList<Objective> objectives, IReadOnlyList<Constraint> constraints, int seed = 7) =>
    [
        new ModelSubmitted(RunId, DateTimeOffset.UnixEpoch, null, new SearchSpacePoint(Space.Name, SubmittedPoint), ["1x1x28x28"], [TaskName],
            objectives, constraints, seed),
        new GraphExtracted(RunId, "hash", 10, 9, Space.Cost(SubmittedPoint).Macs, Space.Cost(SubmittedPoint).Params,
            new Dictionary<string, int>(), "test", 8, 17, 1.0),
    ];

    /// <summary>A made-up metric that is not a function of MACs alone: position-weighted genes, saturating.</summary>
    public static double Predicted(string candidate)
    {
        var genes = CandidateCodec.Genes(candidate);
        var sum = genes.Select((g, i) => g * (1.0 + (i % 3))).Sum();
        return 1.0 - Math.Exp(-sum / 20.0);
    }

    public static CandidateScored Score(ScoreCandidates request) =>
        new(request.RunId, request.RequestId, request.Generation, 1,
            request.Candidates.Select(c => new CandidateScore(c, new Dictionary<string, double> { [TaskName] = Predicted(c.Name) }, 0.0)).ToList());

    public static SubnetAdapted Adapted(AdaptSubnet request) =>
        new(request.RunId, request.RequestId, request.Candidate, new Dictionary<string, double> { [TaskName] = Predicted(request.Candidate.Name) - 0.05 }, "weights", request.Seed);

    /// <summary>Decides, appends, answers, until nothing more is decided; returns the stream.</summary>
    public static List<object> Drive(NatSearchDecider policy, List<object> stream, bool answerAdaptation = true, int maxRounds = 500,
        Func<ScoreCandidates, CandidateScored>? score = null)
    {
        score ??= Score;
        var state = RunState.Fold(stream);
        for (var round = 0; round < maxRounds; round++)
        {
            var decided = policy.Decide(state);
            var answers = new List<object>();
            foreach (var message in decided)
            {
                answers.AddRange(message switch
                {
                    ScoreCandidates s => [score(s)],
                    AdaptSubnet a when answerAdaptation => [Adapted(a)],
                    _ => Array.Empty<object>(),
                });
            }

            if (decided.Count == 0 && answers.Count == 0)
            {
                return stream;
            }

            foreach (var e in decided.Cast<object>().Concat(answers))
            {
                stream.Add(e);
                state = state.Evolve(e);
            }
        }

        throw new InvalidOperationException("The loop did not settle.");
    }

    public static NatSearchDecider Decider(int adapt = 0, int iterations = 1) =>
        new(Spaces, new SearchSettings(Population: 12, Generations: 4, Iterations: iterations, AdaptPerIteration: adapt, InitialSamples: 10));

    public static IRunMessage[] OfType<T>(IEnumerable<object> stream) => stream.OfType<T>().Cast<IRunMessage>().ToArray();
}
