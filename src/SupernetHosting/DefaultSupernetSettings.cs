namespace NasPipeline.SupernetHosting;

/// <summary>Where a stage that trains on supernets reads its data and how its default supernet is trained: the
/// Fashion-MNIST folder, the validation images a split holds, and the sandwich training (<paramref name="Epochs"/> on
/// <paramref name="TrainImages"/> images). Passed per call, not registered: `nasp` runs every stage in one process,
/// each with its own settings.</summary>
public sealed record DefaultSupernetSettings(string Data, int Epochs, int TrainImages, int EvaluationImages);
