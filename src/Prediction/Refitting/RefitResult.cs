namespace NasPipeline.Prediction.Refitting;

/// <summary>A refit predictor ready for the blob store: its kind, bytes, how many labels it saw and its cross-validated
/// SRCC; for an adapter refit also the SRCC of the predictor it would replace on the same labels (<see cref="BasisSrcc"/>,
/// out of sample too: it never saw them; NaN without a basis).</summary>
public sealed record RefitResult(string Model, byte[] Weights, int SampleCount, double ValidationSrcc, double BasisSrcc = double.NaN)
{
    /// <summary>The refit ranks held-out labels no better than the predictor it would replace ranks them all: that one
    /// stays (a refit on a few noisy labels can rank them backwards, and the search would follow it).</summary>
    public bool KeepsBasis => double.IsFinite(ValidationSrcc) && double.IsFinite(BasisSrcc) && ValidationSrcc <= BasisSrcc;
}
