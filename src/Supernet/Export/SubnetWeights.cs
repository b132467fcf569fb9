using NasPipeline.Supernet.Elastic;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Export;

/// <summary>A subnet module's state (parameters and BN buffers) as float arrays by state-dict name, with the epsilon of
/// each normalisation layer, read once so the ONNX writer needs no tensors.</summary>
internal sealed class SubnetWeights
{
    private readonly Dictionary<string, (long[] Dims, float[] Values)> _tensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _eps = new(StringComparer.Ordinal);

    public SubnetWeights(nn.Module module)
    {
        using var scope = NewDisposeScope();
        foreach (var (name, tensor) in module.state_dict())
        {
            if (tensor.dtype == ScalarType.Float32)
            {
                _tensors[name] = (tensor.shape, tensor.detach().cpu().contiguous().data<float>().ToArray());
            }
        }

        foreach (var (name, child) in module.named_modules())
        {
            switch (child)
            {
                case ElasticBatchNorm2d norm:
                    _eps[name] = norm.Eps;
                    break;
                case ElasticLayerNorm norm:
                    _eps[name] = norm.Eps;
                    break;
            }
        }
    }

    public bool Has(string name) => _tensors.ContainsKey(name);

    public (long[] Dims, float[] Values) this[string name] =>
        _tensors.TryGetValue(name, out var tensor) ? tensor : throw new InvalidOperationException($"The subnet has no tensor '{name}'.");

    public double Eps(string module) =>
        _eps.TryGetValue(module, out var eps) ? eps : throw new InvalidOperationException($"The subnet has no normalisation layer '{module}'.");
}
