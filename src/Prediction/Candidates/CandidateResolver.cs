using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Blobs;
using NasPipeline.SearchSpaces;
using NasPipeline.SearchSpaces.Encoding;
using Graph = NasPipeline.ComputationGraph.ComputationGraph;

namespace NasPipeline.Prediction.Candidates;

/// <summary>
/// Reads what a candidate name stands for. <c>space:g1,g2,...</c> is a point of a registered search space (its
/// genes, and its network's graph built through ONNX exactly as GraphExtract builds it); anything else must be the
/// blob hash of a computation graph (mutation search stores its candidates' graphs that way).
/// </summary>
public sealed class CandidateResolver(SearchSpaceRegistry spaces, IBlobStore blobs, OnnxGraphExtractor extractor)
{
    public bool TryPoint(string candidate, out ISearchSpace space, out int[] genes)
    {
        space = null!;
        var decoded = CandidateCodec.TryDecode(candidate, out var name, out genes);
        if (name.Length == 0 || !spaces.TryGet(name, out space))
        {
            return false;
        }

        return decoded
            ? true
            : throw new PredictionException("InvalidCandidate", $"Candidate '{candidate}' is not a {name} point: its genes must be whole numbers.");
    }

    public async Task<Graph> GraphAsync(string candidate, CancellationToken cancellationToken)
    {
        if (TryPoint(candidate, out var space, out var genes))
        {
            try
            {
                return extractor.Extract(space.ToOnnx(space.Repair(genes)), ExtractionOptions.Default);
            }
            catch (InvalidEncodingException e)
            {
                throw new PredictionException("InvalidCandidate", $"Candidate '{candidate}': {e.Message}");
            }
        }

        var bytes = await blobs.GetAsync(candidate, cancellationToken)
            ?? throw new PredictionException("UnknownCandidate",
                $"Candidate '{candidate}' is neither a point of a registered search space ({string.Join(", ", spaces.Names)}) nor a graph in the blob store.");
        return ComputationGraphJson.Deserialize(System.Text.Encoding.UTF8.GetString(bytes));
    }
}
