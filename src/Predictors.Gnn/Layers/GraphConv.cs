namespace NasPipeline.Predictors.Gnn.Layers;

using NasPipeline.TorchRuntime;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

/// <summary>
/// PyTorch Geometric's GraphConv (Morris et al. 2019) with sum aggregation, as AIO-P uses it:
/// h_i' = W_root x_i + W_rel * sum_{j in N(i)} x_j + b. The adjacency is unnormalised and has no
/// self-loops: the node's own term is W_root, a separate weight, which a self-loop in the sum could not give.
/// </summary>
public sealed class GraphConv : Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly Linear root;
    private readonly Linear relation;

    public GraphConv(long inputWidth, long outputWidth) : base(nameof(GraphConv))
    {
        root = Linear(inputWidth, outputWidth, hasBias: false);
        relation = Linear(inputWidth, outputWidth, hasBias: true);
        RegisterComponents();
    }

    /// <summary><paramref name="x"/> is nodes x width; messages go from source[e] to target[e].</summary>
    public override Tensor forward(Tensor x, Tensor source, Tensor target)
    {
        // Only the output leaves this scope. In the caller's scope the temporaries (the gathered neighbour rows: two per
        // edge) would live until the whole batch is done: 24 layers of a K-Adapter pass over a 50,000-node graph held
        // 2 GB. Autograd keeps what backward needs by itself, so training is unaffected.
        using var scope = NewDisposeScope();
        // index_add sums each node's incoming neighbour rows: the sparse product A x without building A.
        var summed = zeros_like(x).index_add(0, target, x.index_select(0, source), HeldScalars.One);
        // add with a held alpha: Tensor's + passes a temporary Scalar 1 (see Scalars).
        return relation.forward(summed).add_(root.forward(x), HeldScalars.One).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            root.Dispose();
            relation.Dispose();
        }

        base.Dispose(disposing);
    }
}
