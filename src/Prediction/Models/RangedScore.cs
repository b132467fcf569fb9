using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction.Models;

/// <summary>What a score reports for a prediction: clamped into the predictor's metric range when it has one.</summary>
public static class RangedScore
{
    public static (double Value, bool Clamped) Of(double prediction, MetricRange? range) =>
        range is null ? (prediction, false) : range.Clamp(prediction);
}
