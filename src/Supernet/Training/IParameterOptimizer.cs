namespace NasPipeline.Supernet.Training;

/// <summary>An update rule the trainer drives: it sets the rate each step (cosine schedule) and skips parameters without a gradient.</summary>
internal interface IParameterOptimizer : IDisposable
{
    double LearningRate { get; set; }

    void Step();
}
