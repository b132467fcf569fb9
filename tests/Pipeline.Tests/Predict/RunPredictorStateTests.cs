using NasPipeline.Contracts.Events;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Planning;
using NasPipeline.Prediction.Runs;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Tests.Predict;

/// <summary>The fold the Predict stage decides from: versions, labels and which labels are new.</summary>
public sealed class RunPredictorStateTests
{
    private static readonly Guid Run = Guid.NewGuid();
    private static readonly Candidate X = Candidate.Graph(new string('a', 64));
    private static readonly Candidate Y = Candidate.Graph(new string('b', 64));

    [Fact]
    public void A_version_selects_each_task_s_last_predictor_trained_up_to_it()
    {
        var state = RunPredictorState.Fold([Trained("a", 1), Trained("b", 2), Trained("a", 3)]);

        Assert.Equal(3, state.Version);
        Assert.Equal(1, state.Current("a", version: 2)!.Version);
        Assert.Equal(3, state.Current("a")!.Version);
        Assert.Equal(2, state.Current("b", version: 3)!.Version);
        Assert.Null(state.Current("b", version: 1));
    }

    [Fact]
    public void A_measured_metric_overrides_the_pseudo_label_of_the_same_candidate_and_labels_after_training_are_new()
    {
        var state = RunPredictorState.Fold(
        [
            new PseudoLabelReady(Run, Guid.NewGuid(), "seg", [new PseudoLabel(X, 0.3), new PseudoLabel(Y, 0.4)], 0),
            Trained("seg", 1),
        ]);
        Assert.False(state.HasNewLabels("seg"));

        state = state.Evolve(new SubnetAdapted(Run, Guid.NewGuid(), X, new Dictionary<string, double> { ["seg"] = 0.9 }, "w", 0));

        Assert.True(state.HasNewLabels("seg"));
        Assert.Equal(new Dictionary<Candidate, double> { [X] = 0.9, [Y] = 0.4 }, state.Labels("seg"));
    }

    [Fact]
    public void A_fine_tuned_onnx_model_s_measurement_is_no_label_for_the_graph_predictors()
    {
        var model = Candidate.Model(new string('c', 64));
        var request = Guid.NewGuid();

        var state = RunPredictorState.Fold([Trained("classification", 1),
            new SubnetAdapted(Run, request, model, new Dictionary<string, double> { ["classification"] = 0.85 }, "w", 0)]);

        Assert.False(state.HasNewLabels("classification"));
        Assert.Empty(state.LabelledTasks);
        Assert.True(state.HoldsLabels(request));
    }

    [Fact]
    public void Refit_seeds_depend_on_run_seed_and_version_only()
    {
        Assert.Equal(PredictDecider.RefitSeed(11, 2), PredictDecider.RefitSeed(11, 2));
        Assert.NotEqual(PredictDecider.RefitSeed(11, 2), PredictDecider.RefitSeed(11, 3));
        Assert.NotEqual(PredictDecider.RefitSeed(11, 2), PredictDecider.RefitSeed(12, 2));
        Assert.True(PredictDecider.RefitSeed(-5, 1) >= 0);
    }

    private static AdapterTrained Trained(string task, int version) => new(Run, task, "rbf", version, 10, 0.5, $"hash{version}", 0);
}
