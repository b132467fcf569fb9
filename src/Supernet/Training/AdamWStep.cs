using NasPipeline.Vision.Training;
using TorchSharp.Modules;

namespace NasPipeline.Supernet.Training;

/// <summary>The tasks' AdamW (held Scalars, decoupled decay) as a supernet update rule; parameters without a gradient keep their moments.</summary>
internal sealed class AdamWStep(IReadOnlyList<Parameter> parameters, double learningRate, double weightDecay) : IParameterOptimizer
{
    private readonly AdamOptimizer _adam = new(parameters, learningRate, weightDecay);

    public double LearningRate
    {
        get => _adam.LearningRate;
        set => _adam.LearningRate = value;
    }

    public void Step() => _adam.Step();

    public void Dispose() => _adam.Dispose();
}
