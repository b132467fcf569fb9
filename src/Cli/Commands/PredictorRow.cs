namespace NasPipeline.Cli.Commands;

/// <summary>What `predictor eval` keeps of an architecture on its first pass: the label, the pretraining task's label when
/// adapters are asked for, and the encoding for the encoding models. The GNN models read the graphs again, keeping only
/// the training ones (<see cref="GnnEvalRunner"/>), so the evaluation holds numbers, not graphs or their features (15,625
/// NAS-Bench-201 graphs held whole took 4.1 GB, their features 1.5 GB).</summary>
internal sealed record PredictorRow(string? Encoding, double Label, double? PretrainLabel);
