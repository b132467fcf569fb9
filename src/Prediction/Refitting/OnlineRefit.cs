using NasPipeline.Prediction.Candidates;
using NasPipeline.Prediction.Models;
using NasPipeline.Predictors.Gnn.Evaluation;

namespace NasPipeline.Prediction.Refitting;

/// <summary>
/// Refits a task's predictor on every label the run holds for it. Labels that are all points of one search space
/// get NAT's RBF ensemble on their genes (its setting: a supernet space, a growing archive). Any other labels
/// (graphs of arbitrary networks) get AIO-P's step: new K-Adapters over the frozen base of the task's current GNN.
/// Returns null when neither applies (too few labels, or graphs and no GNN to adapt).
/// </summary>
public sealed class OnlineRefit(CandidateResolver resolver, PredictSettings settings)
{
    public async Task<RefitResult?> FitAsync(IReadOnlyDictionary<string, double> labels, IScoringModel? current, int seed, CancellationToken cancellationToken)
    {
        if (labels.Count < settings.MinRefitSamples)
        {
            return null;
        }

        var ordered = labels.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var candidates = ordered.Select(p => p.Key).ToList();
        var targets = ordered.Select(p => p.Value).ToList();
        var points = candidates.Select(c => resolver.TryPoint(c, out var space, out var genes) ? (space.Name, Genes: space.Repair(genes).ToArray()) : default).ToList();
        if (points.All(p => p.Name is not null) && points.Select(p => p.Name).Distinct().Count() == 1)
        {
            return await FitRbfAsync(points[0].Name!, points.Select(p => p.Genes).ToList(), targets, seed);
        }

        return current is GnnScoringModel gnn ? await FitAdaptersAsync(gnn, candidates, targets, seed, cancellationToken) : null;
    }

    private async Task<RefitResult> FitRbfAsync(string space, IReadOnlyList<int[]> genes, IReadOnlyList<double> targets, int seed)
    {
        RbfTrainingSet Subset(int[] rows) => new(space, settings.RbfMembers, seed, rows.Select(i => genes[i]).ToList(), rows.Select(i => targets[i]).ToList());
        var srcc = await CrossValidation.SpearmanAsync(targets, settings.ValidationFolds, seed, (train, held) =>
        {
            var model = new RbfScoringModel(Subset(train));
            return Task.FromResult<IReadOnlyList<double>>(held.Select(i => model.Predict(genes[i]).Mean).ToList());
        });
        var all = new RbfTrainingSet(space, settings.RbfMembers, seed, genes, targets);
        return new RefitResult(ModelKinds.Rbf, all.ToBytes(), targets.Count, srcc);
    }

    private async Task<RefitResult> FitAdaptersAsync(GnnScoringModel current, IReadOnlyList<string> candidates, IReadOnlyList<double> targets, int seed, CancellationToken cancellationToken)
    {
        var samples = await GnnScoringModel.SamplesAsync(candidates, resolver, cancellationToken);

        var options = new GnnTrainingOptions { Epochs = settings.AdapterEpochs, Transform = current.Predictor.Transform.Kind };
        var srcc = await CrossValidation.SpearmanAsync(targets, settings.ValidationFolds, seed, (train, held) =>
        {
            using var fold = current.Predictor.Refit(train.Select(i => samples[i]).ToList(), train.Select(i => targets[i]).ToList(), options, seed);
            return Task.FromResult<IReadOnlyList<double>>(fold.Predict(held.Select(i => samples[i]).ToList()));
        });
        using var refit = current.Predictor.Refit(samples, targets, options, seed);
        return new RefitResult(ModelKinds.GnnAdapter, refit.ToBytes(), targets.Count, srcc);
    }
}
