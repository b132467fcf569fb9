namespace NasPipeline.Export;

/// <summary>What was asked cannot be exported (a run without a result, a candidate that is not a point, a checkpoint of another space).</summary>
public sealed class ModelExportException(string message) : Exception(message);
