using NasPipeline.ComputationGraph;
using NasPipeline.Hosting.Blobs;
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
        genes = [];
        var colon = candidate.IndexOf(':');
        if (colon <= 0 || !spaces.TryGet(candidate[..colon], out space))
        {
            return false;
        }

        var parts = candidate[(colon + 1)..].Split(',');
        genes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out genes[i]))
            {
                throw new PredictionException("InvalidCandidate", $"Candidate '{candidate}' is not a {space.Name} point: '{parts[i]}' is not an integer gene.");
            }
        }

        return true;
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
