namespace NasPipeline.TorchRuntime.Training;

/// <summary>Adam's settings with PyTorch's defaults. A non-zero <see cref="WeightDecay"/> makes it AdamW (decoupled decay).</summary>
public sealed record AdamOptions(double LearningRate, double WeightDecay = 0, double Beta1 = 0.9, double Beta2 = 0.999, double Epsilon = 1e-8);
