using System.Text.Json.Serialization;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction.Registry;

/// <summary>
/// The predictor a task starts from in every new run (a Marten document keyed by task). A run adopts it once, as its
/// first <c>AdapterTrained</c> for the task, so re-registering later never changes what a past run used.
/// </summary>
public sealed class TaskPredictorRegistration
{
    public string Id { get; set; } = "";

    public string Model { get; set; } = "";

    public string WeightsBlobHash { get; set; } = "";

    public int SampleCount { get; set; }

    public double ValidationSrcc { get; set; }

    public int Seed { get; set; }

    /// <summary>Where its labels came from, for people (e.g. "nb201.jsonl: cifar10 -> classification").</summary>
    public string TrainedOn { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The default predictor's recipe fingerprint (data hash and settings); empty for a task's own predictor.</summary>
    public string Recipe { get; set; } = "";

    /// <summary>The ends of <see cref="Range"/> (null: its labels fit no known scale, or it was registered before ranges).</summary>
    public double? RangeMin { get; set; }

    public double? RangeMax { get; set; }

    /// <summary>The scale of its training labels, to which its scores are clamped.</summary>
    [JsonIgnore]
    public MetricRange? Range
    {
        get => RangeMin is { } min && RangeMax is { } max ? new MetricRange(min, max) : null;
        set => (RangeMin, RangeMax) = (value?.Min, value?.Max);
    }

    /// <summary>
    /// What makes two registrations the same predictor: the task, the model, its weights (a content hash) and, for the
    /// default, its recipe. When it was registered and what it was named after do not count. Derived, so not stored.
    /// </summary>
    [JsonIgnore]
    public string DedupeKey => $"{Id}/{Model}/{WeightsBlobHash}/{Recipe}";
}
