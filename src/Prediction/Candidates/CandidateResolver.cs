using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;
using NasPipeline.SearchSpaces.Encoding;
using Graph = NasPipeline.ComputationGraph.ComputationGraph;

namespace NasPipeline.Prediction.Candidates;

/// <summary>
/// Reads what a candidate stands for, by its kind: a search-space point (its genes, and its network's graph built through
/// ONNX exactly as GraphExtract builds it) or a computation graph in the blob store (mutation search stores its
/// candidates' graphs that way).
/// </summary>
public sealed class CandidateResolver(SearchSpaceRegistry spaces, IBlobStore blobs, OnnxGraphExtractor extractor)
{
    /// <summary>The point's space and genes; false for a candidate of another kind.</summary>
    public bool TryPoint(Candidate candidate, out ISearchSpace space, out int[] genes)
    {
        space = null!;
        genes = [];
        if (candidate.Kind != CandidateKind.SpacePoint)
        {
            return false;
        }

        var decoded = CandidateCodec.TryDecode(candidate.Name, out var name, out genes);
        if (!spaces.TryGet(name, out space))
        {
            throw new PredictionException("UnknownCandidate",
                $"Candidate '{candidate}' names no registered search space (known: {string.Join(", ", spaces.Names)}).");
        }

        return decoded
            ? true
            : throw new PredictionException("InvalidCandidate", $"Candidate '{candidate}' is not a {name} point: its genes must be whole numbers.");
    }

    public async Task<Graph> GraphAsync(Candidate candidate, CancellationToken cancellationToken)
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

        var bytes = await blobs.GetAsync(candidate.Name, cancellationToken)
            ?? throw new PredictionException("UnknownCandidate", $"Candidate graph '{candidate}' is not in the blob store.");
        return ComputationGraphJson.Deserialize(System.Text.Encoding.UTF8.GetString(bytes));
    }
}
