namespace NasPipeline.Fna.Adaptation;

/// <summary>Reported after every step of the architecture adaptation: where it is, the weight step's task loss and,
/// once α trains, the expected MACs under the current α.</summary>
public sealed record ArchitectureAdaptationProgress(int Epoch, int Step, int StepsPerEpoch, bool Searching, double WeightLoss, double? ExpectedMacs);
