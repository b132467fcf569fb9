using NasPipeline.Prediction.Candidates;
using NasPipeline.Prediction.Models;
using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Predictors.Metrics;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction.Refitting;

/// <summary>
/// Refits a task's predictor on every label the run holds for it, as <see cref="RefitChoice"/> chose: NAT's RBF
/// ensemble on the points' genes, or AIO-P's new K-Adapters over the frozen base of the task's current GNN (with that
/// GNN's own SRCC on the labels, so the stage can keep it when the refit ranks no better).
/// </summary>
public sealed class OnlineRefit(CandidateResolver resolver, PredictSettings settings)
{
    public async Task<RefitResult> FitAsync(string kind, IReadOnlyDictionary<Candidate, double> labels, IScoringModel? current, int seed, CancellationToken cancellationToken)
    {
        var ordered = labels.OrderBy(p => p.Key.Name, StringComparer.Ordinal).ToList();
        var candidates = ordered.Select(p => p.Key).ToList();
        var targets = ordered.Select(p => p.Value).ToList();
        switch (kind)
        {
            case ModelKinds.Rbf:
                var points = candidates.Select(c => resolver.TryPoint(c, out var space, out var genes)
                    ? (space.Name, Genes: space.Repair(genes).ToArray())
                    : throw new PredictionException("InvalidCandidate", $"Candidate '{c}' is not a search-space point; an RBF refit needs points.")).ToList();
                return await FitRbfAsync(points[0].Name, points.Select(p => p.Genes).ToList(), targets, seed);
            case ModelKinds.GnnAdapter when current is GnnScoringModel gnn:
                return await FitAdaptersAsync(gnn, candidates, targets, seed, cancellationToken);
            default:
                throw new PredictionException("RefitImpossible", $"A {kind} refit needs {(kind == ModelKinds.GnnAdapter ? "the task's current GNN" : "a known predictor kind")}.");
        }
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

    private async Task<RefitResult> FitAdaptersAsync(GnnScoringModel current, IReadOnlyList<Candidate> candidates, IReadOnlyList<double> targets, int seed, CancellationToken cancellationToken)
    {
        var samples = await GnnScoringModel.SamplesAsync(candidates, resolver, cancellationToken);

        // The cached GNN keeps scoring other requests while the refit trains: copy it under the lock scoring takes, then
        // read only the copy.
        TaskPredictor basis;
        lock (current.Predictor)
        {
            basis = TaskPredictor.FromBytes(current.Predictor.ToBytes());
        }

        using (basis)
        {
            var options = new GnnTrainingOptions { Epochs = settings.AdapterEpochs, Transform = basis.Transform.Kind };
            var srcc = await CrossValidation.SpearmanAsync(targets, settings.ValidationFolds, seed, (train, held) =>
            {
                using var fold = basis.Refit(train.Select(i => samples[i]).ToList(), train.Select(i => targets[i]).ToList(), options, seed);
                return Task.FromResult<IReadOnlyList<double>>(fold.Predict(held.Select(i => samples[i]).ToList()));
            });
            var basisSrcc = RankCorrelation.Spearman(targets, basis.Predict(samples));
            using var refit = basis.Refit(samples, targets, options, seed);
            return new RefitResult(ModelKinds.GnnAdapter, refit.ToBytes(), targets.Count, srcc, basisSrcc);
        }
    }
}
