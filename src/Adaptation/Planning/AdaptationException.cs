namespace NasPipeline.Adaptation.Planning;

/// <summary>A request the Adapt stage cannot serve; the run fails with the message instead of waiting forever.</summary>
public sealed class AdaptationException(string message) : Exception(message);
