namespace NasPipeline.OnnxNetworks;

/// <summary>What an initializer is to training: a weight the optimizer updates, a statistic training updates without
/// gradients (BatchNorm's running mean and variance), or a constant (shapes, scalars, quantisation scales).</summary>
public enum InitializerRole
{
    Constant,
    Parameter,
    Statistic,
}
