using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.RunResults.Tests;

/// <summary>Hand-made events of one run, in the shapes the Search and Predict stages write them.</summary>
public static class RunEvents
{
    public static readonly Guid Run = Guid.Parse("0193a5b0-0000-7000-8000-000000000001");
    public static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    public static readonly ISearchSpace Mbv3 = Spaces.Get("mbv3-28");
    public static readonly string Smallest = CandidateCodec.Encode(Mbv3.Name, Mbv3.Smallest);
    public static readonly string Largest = CandidateCodec.Encode(Mbv3.Name, Mbv3.Largest);

    public static ModelSubmitted SubmittedPoint(IReadOnlyList<int> encoding, params string[] tasks) =>
        new(Run, DateTimeOffset.UnixEpoch, null, new SearchSpacePoint(Mbv3.Name, encoding), [], tasks, [], [], 7);

    public static ModelSubmitted SubmittedOnnx(params string[] tasks) =>
        new(Run, DateTimeOffset.UnixEpoch, new OnnxModelRef(new string('a', 64), "net.onnx", 1234), null, ["1x1x28x28"], tasks, [], [], 7);

    public static GraphExtracted Graph(string hash, long macs, long parameters) =>
        new(Run, hash, 10, 9, macs, parameters, new Dictionary<string, int>(), "test", 8, 17, 1.0);

    public static AdapterTrained Predictor(string task, string model, int version) =>
        new(Run, task, model, version, 20, 0.8, new string('b', 64), 1);

    public static CandidateScored Scored(int generation, int version, params (string Candidate, string Task, double Value)[] scores) =>
        new(Run, Guid.Parse($"00000000-0000-0000-0000-{generation + 1:D12}"), generation, version,
            scores.Select(s => new CandidateScore(Candidate.FromUntypedName(s.Candidate), new Dictionary<string, double> { [s.Task] = s.Value }, 0.01)).ToList());

    public static FrontMember Member(string candidate, params (string Name, double Value)[] objectives) =>
        new(Candidate.FromUntypedName(candidate), objectives.ToDictionary(o => o.Name, o => o.Value));

    public static GenerationCompleted Generation(int iteration, int generation, params FrontMember[] front) =>
        new(Run, iteration, generation, front, 0.5, 7);

    public static SubnetAdapted Adapted(string candidate, string task, double value) =>
        new(Run, Guid.NewGuid(), Candidate.FromUntypedName(candidate), new Dictionary<string, double> { [task] = value }, new string('c', 64), 7);

    public static string Hash(char c) => new(c, 64);
}
