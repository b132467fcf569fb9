namespace NasPipeline.TorchRuntime.Training;

/// <summary>
/// An update rule over a fixed list of parameters. The caller may change <see cref="LearningRate"/> between steps (a
/// schedule); a parameter without a gradient this step is left as it is, moments and weight decay included.
/// </summary>
public interface IParameterOptimizer : IDisposable
{
    double LearningRate { get; set; }

    /// <summary>Zeroes every gradient that exists.</summary>
    void ZeroGrad();

    void Step();
}
