using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Refitting;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Predict;

/// <summary>An adapter refit replaces the GNN it adapts only when it ranks held-out labels better than that GNN ranks them
/// (a refit on a few noisy pseudo-labels once ranked them at -0.80 and led a search to cut a stem to 1x1).</summary>
[Collection(PipelineCollection.Name)]
public sealed class RefitGuardTests(PipelineFixture fixture)
{
    private readonly PredictTestKit _kit = new(fixture);

    [Fact]
    public async Task A_refit_is_kept_out_when_the_gnn_already_ranks_the_labels_as_well_and_adopted_when_it_ranks_them_better()
    {
        var registration = await _kit.RegisterGnnAsync($"guard-{Guid.NewGuid():N}");
        var graphs = await GraphsAsync(PredictTestKit.Points(12, seed: 8));
        var basis = Assert.IsType<GnnScoringModel>(await _kit.Models.GetAsync(registration.Model, registration.WeightsBlobHash, default));
        var own = (await basis.ScoreAsync(graphs, _kit.Resolver, default)).Select(p => p.Mean).ToList();
        var refit = new OnlineRefit(_kit.Resolver, _kit.Settings);

        // Labels in the GNN's own order: it ranks them perfectly, so no refit can rank held-out ones better.
        var agreeing = await refit.FitAsync(ModelKinds.GnnAdapter, Labels(graphs, own), basis, seed: 3, default);
        Assert.Equal(1.0, agreeing.BasisSrcc, 9);
        Assert.True(agreeing.KeepsBasis);

        // The same labels reversed: the GNN ranks them at -1 and the refit, fitted to them, ranks held-out ones higher.
        var reversed = await refit.FitAsync(ModelKinds.GnnAdapter, Labels(graphs, own.Select(v => -v).ToList()), basis, seed: 3, default);
        Assert.Equal(-1.0, reversed.BasisSrcc, 9);
        Assert.True(reversed.ValidationSrcc > -1, $"cross-validated SRCC {reversed.ValidationSrcc}");
        Assert.False(reversed.KeepsBasis);
    }

    [Fact]
    public async Task The_stage_records_the_kept_gnn_as_the_new_version_with_both_figures_and_scores_with_it()
    {
        var task = $"guard-{Guid.NewGuid():N}";
        var registration = await _kit.RegisterGnnAsync(task);
        var run = await _kit.StartRunAsync(task);
        var graphs = await GraphsAsync(PredictTestKit.Points(8, seed: 9));
        var basis = Assert.IsType<GnnScoringModel>(await _kit.Models.GetAsync(registration.Model, registration.WeightsBlobHash, default));
        var own = (await basis.ScoreAsync(graphs, _kit.Resolver, default)).Select(p => p.Mean).ToList();
        await fixture.Writer.AppendAsync(run.RunId,
            [new PseudoLabelReady(run.RunId, Guid.NewGuid(), task, graphs.Select((c, i) => new PseudoLabel(c, own[i])).ToList(), Seed: 4)]);

        var published = await _kit.Service().ScoreAsync(new(run.RunId, Guid.NewGuid(), 0, [task], graphs), default);

        var trained = published.OfType<AdapterTrained>().ToList();
        Assert.Equal(2, trained.Count);   // the registered GNN adopted (version 1), then the refit's outcome (version 2)
        var kept = trained[1];
        Assert.Equal((2, registration.WeightsBlobHash, ModelKinds.GnnAdapter), (kept.Version, kept.WeightsBlobHash, kept.Model));
        Assert.StartsWith("kept (", kept.Source, StringComparison.Ordinal);
        Assert.Contains("this predictor ranks them at 1.000", kept.Source, StringComparison.Ordinal);
        var scores = published.OfType<CandidateScored>().ToList();
        Assert.All(scores, s => Assert.Equal(2, s.PredictorVersion));
        Assert.Equal(own, scores.SelectMany(s => s.Scores).Select(s => s.Metrics[task]), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Theory]
    [InlineData(0.5, 0.4, false)]
    [InlineData(0.4, 0.4, true)]
    [InlineData(-0.8, 0.1, true)]
    [InlineData(double.NaN, 0.1, false)]
    [InlineData(0.3, double.NaN, false)]
    public void The_basis_stays_when_the_refit_ranks_no_better(double refitSrcc, double basisSrcc, bool keeps) =>
        Assert.Equal(keeps, new RefitResult(ModelKinds.GnnAdapter, [], 8, refitSrcc, basisSrcc).KeepsBasis);

    private static Dictionary<Candidate, double> Labels(IReadOnlyList<Candidate> graphs, IReadOnlyList<double> values) =>
        graphs.Select((c, i) => (c, values[i])).ToDictionary(p => p.c, p => p.Item2);

    /// <summary>The points' computation graphs stored as blobs and named as graph candidates (labels that are not points
    /// get the adapter refit).</summary>
    private async Task<IReadOnlyList<Candidate>> GraphsAsync(IReadOnlyList<Candidate> points)
    {
        var graphs = new List<Candidate>();
        foreach (var point in points)
        {
            var graph = await _kit.Resolver.GraphAsync(point, default);
            graphs.Add(Candidate.Graph(await fixture.Blobs.PutAsync(ComputationGraphJson.SerializeToUtf8Bytes(graph), BlobMediaTypes.Graph)));
        }

        return graphs;
    }
}
