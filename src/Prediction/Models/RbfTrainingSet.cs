using System.Text.Json;

namespace NasPipeline.Prediction.Models;

/// <summary>
/// What defines a fitted NAT ensemble: its labelled points (genes of one space), member count and seed. Refitting
/// from it is deterministic, so the training set is the ensemble's stored form.
/// </summary>
public sealed record RbfTrainingSet(string Space, int Members, int Seed, IReadOnlyList<int[]> Genes, IReadOnlyList<double> Targets)
{
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static RbfTrainingSet FromBytes(byte[] bytes) =>
        JsonSerializer.Deserialize<RbfTrainingSet>(bytes) ?? throw new PredictionException("CorruptModel", "The RBF training set blob is empty.");
}
