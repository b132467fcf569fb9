using NasPipeline.ArchitectureData.Spaces;
using NasPipeline.ComputationGraph;
using NasPipeline.SearchSpaces;

namespace NasPipeline.ArchitectureData.Importing;

/// <summary>
/// Points of one of this project's search spaces (format = the space's name, e.g. <c>mbv3-28</c>): the
/// <c>candidate</c> (or <c>encoding</c>, <c>point</c>) column holds the genes as the pipeline writes candidates
/// (<c>mbv3-28:1,0,2,...</c>) or bare (<c>"1,0,2,..."</c>, <c>[1 0 2 ...]</c>). The network is the one the space
/// exports to ONNX, so MACs and params equal the space's own cost; the record's encoding is the candidate name the
/// Predict stage scores, so labels imported here line up with a run's candidates.
/// </summary>
public sealed class SearchSpacePointImporter(ISearchSpace space) : CsvArchitectureImporter
{
    private readonly OnnxGraphExtractor _extractor = new();

    public override string Format => space.Name;

    protected override IReadOnlyList<string> ArchitectureColumns => ["candidate", "encoding", "point", "arch"];

    protected override (ComputationGraph.ComputationGraph Graph, string Encoding) Build(string encoding)
    {
        var bare = CandidateCodec.TrySplit(encoding, out var name, out var rest) && name == space.Name ? rest : encoding;
        var genes = Integers.In(bare);
        var repaired = space.Repair(genes);
        var graph = _extractor.Extract(space.ToOnnx(repaired), ExtractionOptions.Default);
        return (graph, CandidateCodec.Encode(space.Name, repaired));
    }
}
