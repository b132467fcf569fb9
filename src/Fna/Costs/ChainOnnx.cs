using NasPipeline.ComputationGraph;
using NasPipeline.ComputationGraph.Writing;
using NasPipeline.Fna.Chains;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Costs;

/// <summary>A chain backbone as a runnable ONNX model: input "images" [batch, C, S, S], one output per feature level
/// ("level0" the stem's, then each stage's), BatchNorm in eval mode.</summary>
public static class ChainOnnx
{
    public static byte[] Write(ChainNetwork network, int imageSize)
    {
        var (writer, levels) = Backbone(network, imageSize);
        for (var i = 0; i < levels.Count; i++)
        {
            writer.NamedNode($"level{i}", "Identity", [levels[i]]);
            writer.Output($"level{i}");
        }

        return writer.Build();
    }

    /// <summary>A classifier: the chain and its pooled linear head (<c>PooledLinearHead</c>), one output "logits" [batch, classes].</summary>
    public static byte[] WriteClassifier(ChainNetwork network, nn.Module<Tensor[], Tensor> head, int imageSize)
    {
        var (writer, levels) = Backbone(network, imageSize);
        var logits = new ChainOnnxWriter(writer, withValues: true).PooledLinear(levels[^1], head);
        writer.NamedNode("logits", "Identity", [logits]);
        return writer.Output("logits").Build();
    }

    /// <summary>The network's MACs at <paramref name="imageSize"/>, counted by the cost model on its ONNX (batch 1).</summary>
    public static long MacsOf(ChainNetwork network, int imageSize) =>
        new OnnxGraphExtractor().Extract(Write(network, imageSize), new ExtractionOptions { SymbolicBatchAsOne = true }).TotalMacs;

    private static (OnnxModelWriter Writer, List<string> Levels) Backbone(ChainNetwork network, int imageSize)
    {
        var writer = new OnnxModelWriter("chain").Input("images", "batch", network.Architecture.InputChannels, imageSize, imageSize)
            .Metadata("nas_pipeline.architecture", network.Architecture.Describe());
        var onnx = new ChainOnnxWriter(writer, withValues: true);
        var x = onnx.Stem("images", (Stem)network.StemModule);
        var levels = new List<string> { x };
        foreach (var stage in network.Blocks)
        {
            foreach (var block in stage)
            {
                x = onnx.Block(x, block);
            }

            levels.Add(x);
        }

        return (writer, levels);
    }
}
