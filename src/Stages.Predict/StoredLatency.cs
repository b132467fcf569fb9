using NasPipeline.Contracts.Model;

namespace NasPipeline.Stages.Predict;

/// <summary>A timed graph, stored once per graph hash, processor and timing setting (its id), for every run to reuse.</summary>
public sealed class StoredLatency
{
    public string Id { get; set; } = "";

    public MeasuredLatency Latency { get; set; } = new(0, 1, 0, 1, "", "");

    public DateTimeOffset MeasuredAt { get; set; }
}
