using NasPipeline.Fna.Chains;
using NasPipeline.TorchRuntime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Super;

/// <summary>
/// One layer of FNA's super network: a block per candidate op (each with its own weights) and, where the layer keeps
/// width and stride, the skip. It runs one candidate (a sampled path, for weight steps) or the mixture weighted by the
/// layer's architecture probabilities (for α steps).
/// </summary>
public sealed class MixedLayer : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<MbConvLayer> _blocks = new();

    public MixedLayer(int inChannels, int outChannels, int stride, IReadOnlyList<LayerOp> candidates) : base(nameof(MixedLayer))
    {
        Candidates = candidates;
        foreach (var op in candidates.Where(c => !c.IsSkip))
        {
            _blocks.Add(new MbConvLayer(inChannels, outChannels, op, stride));
        }

        register_module("blocks", _blocks);
    }

    public IReadOnlyList<LayerOp> Candidates { get; }

    /// <summary>The block of candidate <paramref name="index"/> (null for the skip).</summary>
    public MbConvLayer? Block(int index) => Candidates[index].IsSkip ? null : _blocks[BlockIndex(index)];

    /// <summary>Not used: a mixed layer runs through <see cref="ForwardPath"/> or <see cref="ForwardMixed"/>.</summary>
    public override Tensor forward(Tensor input) => throw new InvalidOperationException("A mixed layer runs one path or the mixture; call ForwardPath or ForwardMixed.");

    public Tensor ForwardPath(Tensor input, int candidate) =>
        Candidates[candidate].IsSkip ? input : _blocks[BlockIndex(candidate)].call(input);

    /// <summary>Σ p_i op_i(x) over the candidates, <paramref name="probabilities"/> a [candidates] tensor.</summary>
    public Tensor ForwardMixed(Tensor input, Tensor probabilities)
    {
        Tensor? sum = null;
        for (var i = 0; i < Candidates.Count; i++)
        {
            var weighted = ForwardPath(input, i).mul(probabilities[i]);
            sum = sum is null ? weighted : sum.add(weighted, HeldScalars.One);
        }

        return sum!;
    }

    private int BlockIndex(int candidate) => Candidates.Take(candidate).Count(c => !c.IsSkip);
}
