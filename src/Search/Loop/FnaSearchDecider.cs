using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Loop;

/// <summary>
/// FNA on a submitted chain network (<c>--fna</c>) as a pure decider, in place of the mutation search: once its graph is
/// extracted, the Adapt stage is asked for the architecture adaptation on the run's first task
/// (<see cref="AdaptArchitecture"/>); once it has derived a network (<see cref="ArchitectureDerived"/>, with the seed's
/// parameters remapped into it), the submitted and the derived network go to the Adapt stage to be fine-tuned and
/// measured on every task, with the same data, budget and seed (the original is the control); the run completes on
/// those measurements. Its model is the derived network fine-tuned, or with <c>--max-drop</c> the submitted one when
/// the derived one measures more than that below it.
/// </summary>
public sealed class FnaSearchDecider
{
    public const string SpaceName = "fna";

    public IReadOnlyList<IRunMessage> Decide(RunState state)
    {
        if (state.Finished || state.Graph is null || state.Submission is not { Onnx: { } onnx, Fna: { } options } submission)
        {
            return [];
        }

        if (state.Started is null)
        {
            return [
                new SearchStarted(submission.RunId, SpaceName, 0, 0, 1, 1, 0, submission.Seed, Rules: SearchStarted.CurrentRules),
                new AdaptArchitecture(submission.RunId, RequestIds.For(submission.RunId, "fna/architecture"), onnx.BlobHash, submission.Tasks[0], options,
                    submission.Seed),
            ];
        }

        if (state.Derived is not { } derived)
        {
            return [];
        }

        var models = new[] { onnx.BlobHash, derived.ModelBlobHash }.Distinct(StringComparer.Ordinal).ToList();
        var requests = models.Where(m => !state.WasSentForAdaptation(m))
            .Select(m => (IRunMessage)new AdaptSubnet(submission.RunId, RequestIds.For(submission.RunId, $"fna/measure/{m}"), 0, Candidate.Model(m),
                submission.Tasks, submission.Seed))
            .ToList();
        if (requests.Count > 0 || models.Any(m => state.Adaptation(m) is null))
        {
            return requests;
        }

        return [Complete(state, submission, derived)];
    }

    private static SearchCompleted Complete(RunState state, ModelSubmitted submission, ArchitectureDerived derived)
    {
        var graph = state.Graph!;
        var original = Measurement(state, submission.Onnx!.BlobHash, graph.Macs, graph.Params, 0);
        var kept = Measurement(state, derived.ModelBlobHash, derived.Macs, derived.Params, 1);
        var choice = MeasuredSelection.Choose(submission, [original, kept]);
        var returned = choice?.Step == 0 ? original : kept;
        var originalMember = Member(submission, original);
        var best = Member(submission, returned);
        var constrained = submission.Constraints
            .Select(c => ConstraintCheck.Satisfies(best, originalMember, c)
                ? new ConstrainedBest(ObjectiveSpace.Label(c), best)
                : new ConstrainedBest(ObjectiveSpace.Label(c), null, ConstraintCheck.InTermsOf(best, originalMember, c))).ToList();
        var weights = returned.Step == 0
            ? $"the submitted network (the derived {derived.Derived} measured more than --max-drop below it), fine-tuned by the Adapt stage on {submission.Tasks[0]}"
            : $"FNA: the seed's parameters remapped into the derived network {derived.Derived}; then fine-tuned by the Adapt stage on {submission.Tasks[0]}";
        return new SearchCompleted(submission.RunId, [best], constrained, returned.FineTunedBlobHash, weights, new MeasuredNetworks(original, kept, null, choice));
    }

    /// <summary>FNA predicts nothing: the measurement stands alone.</summary>
    private static NetworkMeasurement Measurement(RunState state, string model, long macs, long parameters, int step)
    {
        var answer = state.Adaptation(model)!;
        return new NetworkMeasurement(model, answer.WeightsBlobHash, macs, parameters, answer.Metrics, new Dictionary<string, double>(), step);
    }

    private static FrontMember Member(ModelSubmitted submission, NetworkMeasurement network)
    {
        var objectives = submission.Tasks.Where(network.Measured.ContainsKey).ToDictionary(t => t, t => network.Measured[t], StringComparer.Ordinal);
        var origins = objectives.Keys.ToDictionary(t => t, _ => ValueOrigin.Measured, StringComparer.Ordinal);
        objectives[CostNames.Macs] = network.Macs;
        objectives[CostNames.Params] = network.Params;
        origins[CostNames.Macs] = ValueOrigin.Exact;
        origins[CostNames.Params] = ValueOrigin.Exact;
        return new FrontMember(Candidate.Model(network.ModelBlobHash), objectives, origins);
    }
}
