using NasPipeline.ArchitectureData;
using NasPipeline.Predictors.Gnn.Evaluation;

namespace NasPipeline.Cli.Commands;

/// <summary>What `predictor eval` keeps of an architecture record: its encoding and metrics, and for the GNN models its
/// featurised graph. The graph itself is dropped as each record is read, so the evaluation holds features, not graphs
/// (15,625 NAS-Bench-201 graphs held whole took 4.1 GB).</summary>
internal sealed record PredictorRow(string Encoding, IReadOnlyDictionary<string, double> Metrics, GnnSample? Sample)
{
    public static PredictorRow Of(ArchitectureRecord record, bool featurise) =>
        new(record.Encoding, record.Metrics, featurise ? GnnSample.Of(record.Graph) : null);

    public GnnSample Featurised => Sample ?? throw new InvalidOperationException("This row was read without features.");
}
