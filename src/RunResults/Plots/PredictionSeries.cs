namespace NasPipeline.RunResults.Plots;

/// <summary>One evaluation seed's test split: true values and the predictor's, in the same order.</summary>
public sealed record PredictionSeries(int Seed, IReadOnlyList<double> Truth, IReadOnlyList<double> Predicted);
