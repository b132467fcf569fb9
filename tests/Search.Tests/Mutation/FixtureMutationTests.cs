using NasPipeline.ComputationGraph;
using NasPipeline.ComputationGraph.Editing;
using NasPipeline.Search.Mutation;

using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Tests.Mutation;

public class FixtureMutationTests
{
    private static readonly ExtractionOptions Extraction = ExtractionOptions.ForInput("1x3x224x224");

    [Theory]
    [InlineData("resnet18.onnx")]
    [InlineData("mobilenet_v2.onnx")]
    public void Every_single_mutation_keeps_shapes_consistent_and_cuts_macs(string file)
    {
        var model = OnnxModelEditor.Parse(Fixtures.Read(file));
        var extractor = new OnnxGraphExtractor();
        var original = extractor.Extract(model.ToBytes(), Extraction);
        var catalog = MutationCatalog.Enumerate(model, original);
        Assert.Contains(catalog, m => m.Kind == MutationKind.ShrinkChannels);
        Assert.Contains(catalog, m => m.Kind == MutationKind.ShrinkKernel);
        Assert.Contains(catalog, m => m.Kind == MutationKind.RemoveBlock);

        foreach (var mutation in catalog)
        {
            var mutant = extractor.Extract(MutationCatalog.Apply(model, mutation).ToBytes(), Extraction);
            AssertConsistent(mutant, mutation);
            Assert.True(mutant.TotalMacs < original.TotalMacs, $"{mutation}: {mutant.TotalMacs} >= {original.TotalMacs}");
            Assert.Equal(original.Outputs[0].Shape, mutant.Outputs[0].Shape);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_mutations_and_the_kept_metric_is_not_below_the_original()
    {
        var bytes = Fixtures.Read("mobilenet_v2.onnx");
        var original = new OnnxGraphExtractor().Extract(bytes, Extraction);
        var search = new MutationSearch(new ParamsSaturationScorer(original.TotalParams, 0.95));
        var options = new MutationSearchOptions(Extraction, Seed: 3) { Steps = 12 };

        var first = search.Run(bytes, options);
        var second = search.Run(bytes, options);

        Assert.Equal(first.Mutations, second.Mutations);
        Assert.Equal(first.Best.TotalMacs, second.Best.TotalMacs);
        Assert.True(first.BestMetric >= first.OriginalMetric);
        Assert.True(first.MacReduction > 0);
        Assert.Equal(first.Best.TotalMacs, new OnnxGraphExtractor().Extract(first.BestModel, Extraction).TotalMacs);
    }

    [Fact]
    public void A_scorer_that_ranks_every_mutant_lower_keeps_the_original()
    {
        var bytes = Fixtures.Read("resnet18.onnx");
        var original = new OnnxGraphExtractor().Extract(bytes, Extraction);
        var result = new MutationSearch(new MacsScorer()).Run(bytes, new MutationSearchOptions(Extraction, Seed: 1) { Steps = 5, Patience = 5 });

        Assert.Empty(result.Mutations);
        Assert.Equal(original.TotalMacs, result.Best.TotalMacs);
        Assert.Equal(0, result.MacReduction);
    }

    /// <summary>Conv input channels match weight x groups, Add inputs agree, Gemm's K matches.</summary>
    private static void AssertConsistent(ComputationGraph.ComputationGraph graph, NetworkMutation mutation)
    {
        foreach (var node in graph.Nodes)
        {
            switch (node.OpType)
            {
                case "Conv":
                    Assert.True(node.InputShapes[0][1] == node.InputShapes[1][1] * node.Groups, $"{mutation}: {node.Name} reads {node.InputShapes[0][1]} channels");
                    Assert.Equal(node.InputShapes[1][0], node.OutputShapes[0][1]);
                    break;
                case "Add":
                    Assert.Equal(node.InputShapes[0], node.InputShapes[1]);
                    break;
                case "Gemm":
                    Assert.Equal(node.InputShapes[0][1], node.InputShapes[1][1]);
                    break;
            }
        }
    }

    /// <summary>Fewer MACs always scores lower: no mutant is ever acceptable.</summary>
    private sealed class MacsScorer : IPredictedMetricScorer
    {
        public string Name => "macs";

        public IReadOnlyList<double> Score(IReadOnlyList<ComputationGraph.ComputationGraph> graphs) =>
            graphs.Select(g => (double)g.TotalMacs).ToList();
    }
}
