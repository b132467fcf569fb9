using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

/// <summary>A run took up a predictor for a task (adopted, or refit on its labels); scores name the version they used so
/// replays reuse it. <paramref name="Source"/> says where it came from ("registered for T: ...", "default: ...",
/// "refit on N labels of this run"); events stored before it existed read back with it empty. <paramref name="Range"/>: the
/// scale of the labels it learnt from, to which its scores are clamped (null: none known, as in older events).</summary>
public sealed record AdapterTrained(
    Guid RunId,
    string Task,
    string Model,
    int Version,
    int SampleCount,
    double ValidationSrcc,
    string WeightsBlobHash,
    int Seed,
    string Source = "",
    MetricRange? Range = null) : IRunMessage;
