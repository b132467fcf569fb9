namespace NasPipeline.Prediction.Refitting;

/// <summary>A refit predictor ready for the blob store: its kind, bytes, how many labels it saw and its cross-validated SRCC.</summary>
public sealed record RefitResult(string Model, byte[] Weights, int SampleCount, double ValidationSrcc);
