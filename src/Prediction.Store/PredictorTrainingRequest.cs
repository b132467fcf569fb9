using NasPipeline.ArchitectureData;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Prediction.Registry;

namespace NasPipeline.Prediction.Store;

/// <summary>Labelled architectures of one dataset and the metric to learn from them; <see cref="Name"/> says where they came from.</summary>
public sealed record LabelledArchitectures(string Name, string Metric, IReadOnlyList<ArchitectureRecord> Records);

/// <summary>
/// Train a starting predictor for <see cref="Task"/> on <see cref="Data"/> (each record carrying its metric) and register it.
/// The GNN base is pretrained on <see cref="Pretrain"/> when given, else on the training split itself. <see cref="TrainSize"/>
/// picks a seeded subset first; <see cref="ValidationShare"/> of what is left is held out for the validation SRCC.
/// </summary>
public sealed record PredictorTrainingRequest(
    string Task,
    LabelledArchitectures Data,
    LabelledArchitectures? Pretrain,
    GnnTrainingOptions PretrainOptions,
    GnnTrainingOptions AdapterOptions,
    double ValidationShare,
    int Seed,
    int? TrainSize);

/// <summary>What the registry holds for the task afterwards, and how the trained predictor did on the held-out labels.</summary>
public sealed record PredictorTrainingResult(TaskPredictorRegistration Registration, int TrainCount, int ValidationCount, double ValidationSrcc, bool AlreadyRegistered);
