namespace NasPipeline.SupernetHosting;

/// <summary>A default supernet the stage trained, stored once per space, task and recipe (its id).</summary>
public sealed class StoredSupernet
{
    public string Id { get; set; } = "";

    public string CheckpointBlobHash { get; set; } = "";

    public string Recipe { get; set; } = "";

    public double Seconds { get; set; }

    public DateTimeOffset TrainedAt { get; set; }
}
