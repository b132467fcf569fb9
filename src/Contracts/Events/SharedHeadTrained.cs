namespace NasPipeline.Contracts.Events;

/// <summary>AIO-P's shared head for <paramref name="Task"/>, trained on latents sampled across the
/// <paramref name="Space"/> supernet of <paramref name="SupernetBlobHash"/> (its body frozen); the head's weights are
/// the blob <paramref name="HeadBlobHash"/>. Every pseudo-label of the task in the run starts from it.</summary>
public sealed record SharedHeadTrained(
    Guid RunId, string Task, string Space, string SupernetBlobHash, string SupernetSource, string HeadBlobHash, int Steps, double Seconds, int Seed) : IRunMessage;
