namespace NasPipeline.Adaptation.PseudoLabels;

/// <summary>The brief fine-tune behind one pseudo-label: <paramref name="Steps"/> AdamW steps of
/// <paramref name="BatchSize"/> images, the seed fixing the batch order.</summary>
public sealed record PseudoLabelOptions(int Steps, int BatchSize, double LearningRate, double WeightDecay, int Seed = 1);
