using NasPipeline.Predictors.Evaluation;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Search.Mutation;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// Mutation search scored by AIO-P's GNN (Predictors.Gnn) trained here on a labelled architecture dataset
/// (<c>nasp data import</c>), e.g. NAS-Bench-Macro's CIFAR-10 accuracy. For an ImageNet export that is another
/// domain: the predicted metric ranks mutants by what the GNN learned, not by the network's own task.
/// </summary>
internal sealed class GnnMetricScorer(PretrainedGnn gnn, string name) : IPredictedMetricScorer, IDisposable
{
    public string Name => name;

    public IReadOnlyList<double> Score(IReadOnlyList<ComputationGraph.ComputationGraph> graphs) =>
        gnn.Predict(graphs.Select(GnnSample.Of).ToList());

    public static GnnMetricScorer Train(string data, string task, int size, int epochs, int seed)
    {
        GnnCli.InitialiseTorch();

        var records = PredictorData.Load(data, task);
        var chosen = PredictorEvaluation.Shuffle(records.Count, seed)[..Math.Min(size, records.Count)].Select(i => records[i]).ToList();
        Console.Error.WriteLine($"training the GNN on {chosen.Count} architectures' '{task}' from {data} for {epochs} epochs");
        var options = new GnnTrainingOptions { Epochs = epochs, Batch = 32 };
        var gnn = PretrainedGnn.Fit(chosen.Select(r => GnnSample.Of(r.Graph)).ToList(), chosen.Select(r => r.Metrics[task]).ToList(), options, seed);
        return new GnnMetricScorer(gnn, $"GNN trained on {chosen.Count} of {Path.GetFileName(data)} '{task}', {epochs} epochs, seed {seed}");
    }

    public void Dispose() => gnn.Dispose();
}
