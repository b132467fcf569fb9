namespace NasPipeline.Export;

/// <summary>A trained supernet's checkpoint (as <c>nasp supernet train</c> writes it) and how to name it to a reader.</summary>
public sealed record CheckpointSource(byte[] Bytes, string Name);
