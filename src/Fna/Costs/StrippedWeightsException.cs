namespace NasPipeline.Fna.Costs;

/// <summary>A tensor without its values: the file's structure may be fine, its weights did not come along.</summary>
public sealed class StrippedWeightsException(string message) : FormatException(message);
