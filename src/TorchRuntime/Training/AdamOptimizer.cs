using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.TorchRuntime.Training;

/// <summary>
/// Adam (Kingma and Ba 2015) and, with weight decay, AdamW (Loshchilov and Hutter 2019), PyTorch's update:
/// <c>p *= 1 - lr wd; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) m / (sqrt(v) / sqrt(1 - b2^t) + eps)</c>.
/// Not TorchSharp's optim.Adam: its step passes temporary Scalars (see <see cref="HeldScalars"/>); here every Scalar
/// lives until the native call that reads it has returned.
/// </summary>
public sealed class AdamOptimizer(IReadOnlyList<Parameter> parameters, AdamOptions options) : IParameterOptimizer
{
    private readonly Tensor[] _first = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    private readonly Tensor[] _second = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    private long _steps;

    public double LearningRate { get; set; } = options.LearningRate;

    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var parameter in parameters)
        {
            parameter.grad?.zero_();
        }
    }

    public void Step()
    {
        _steps++;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var beta1 = options.Beta1.ToScalar();
        using var oneMinusBeta1 = (1 - options.Beta1).ToScalar();
        using var beta2 = options.Beta2.ToScalar();
        using var oneMinusBeta2 = (1 - options.Beta2).ToScalar();
        using var sqrtCorrection2 = Math.Sqrt(1 - Math.Pow(options.Beta2, _steps)).ToScalar();
        using var epsilon = options.Epsilon.ToScalar();
        using var decay = (1 - (LearningRate * options.WeightDecay)).ToScalar();
        using var negativeStep = (-LearningRate / (1 - Math.Pow(options.Beta1, _steps))).ToScalar();
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].grad is not { } grad)
            {
                continue;
            }

            if (options.WeightDecay != 0)
            {
                parameters[i].mul_(decay);
            }

            _first[i].mul_(beta1).add_(grad, oneMinusBeta1);
            _second[i].mul_(beta2).addcmul_(grad, grad, oneMinusBeta2);
            var denominator = _second[i].sqrt().div_(sqrtCorrection2).add_(epsilon, HeldScalars.One);
            parameters[i].addcdiv_(_first[i], denominator, negativeStep);
        }
    }

    /// <summary>Writes the step count and both moments, so training cut into chunks continues exactly where a chunk
    /// stopped (restarting the moments would change every later update).</summary>
    public void SaveState(BinaryWriter writer)
    {
        writer.Write(_steps);
        writer.Write(_first.Length);
        using var scope = NewDisposeScope();
        foreach (var moment in _first.Concat(_second))
        {
            var values = moment.OnCpu().contiguous().data<float>().ToArray();
            writer.Write(values.Length);
            foreach (var value in values)
            {
                writer.Write(value);
            }
        }
    }

    /// <summary>Reads what <see cref="SaveState"/> wrote, for the same parameter list.</summary>
    public void LoadState(BinaryReader reader)
    {
        _steps = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (count != _first.Length)
        {
            throw new InvalidDataException($"The optimizer state holds {count} parameters; this optimizer has {_first.Length}.");
        }

        using var noGrad = no_grad();
        foreach (var moment in _first.Concat(_second))
        {
            var values = new float[reader.ReadInt32()];
            if (values.Length != moment.numel())
            {
                throw new InvalidDataException($"An optimizer moment holds {values.Length} values; its parameter has {moment.numel()}.");
            }

            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadSingle();
            }

            using var loaded = tensor(values, moment.shape);
            moment.copy_(loaded);
        }
    }

    public void Dispose()
    {
        foreach (var moment in _first.Concat(_second))
        {
            moment.Dispose();
        }
    }
}
