using FluentValidation;
using NasPipeline.Adaptation.PseudoLabels;
using NasPipeline.SupernetHosting;
using NasPipeline.Vision.Data;

namespace NasPipeline.Stages.PseudoLabel;

/// <summary>
/// The PseudoLabel stage's configuration (<c>PseudoLabel__HeadSteps=200</c>, ...): AIO-P's budgets. The body every
/// label starts from is the space's supernet trained on <paramref name="BodyTask"/> (the stage's default supernet,
/// trained on first use and shared with Adapt through the blob store); each task's shared head trains
/// <paramref name="HeadSteps"/> steps on latents sampled across it; each label fine-tunes <paramref name="FineTuneSteps"/>
/// steps on <paramref name="TrainImages"/> and measures on <paramref name="EvaluationImages"/> validation images.
/// </summary>
/// <param name="Threads">libtorch's threads; 0 keeps its default (one per core).</param>
public sealed record PseudoLabelSettings(
    string Data = FashionMnistOptions.DefaultFolder,
    string BodyTask = "classification",
    int HeadSteps = 150,
    int FineTuneSteps = 30,
    int BatchSize = 64,
    double LearningRate = 1e-3,
    double WeightDecay = 4e-5,
    int PopulationSize = 8,
    int Bins = 4,
    int TrainImages = 10_000,
    int EvaluationImages = 1_000,
    int DefaultSupernetEpochs = 1,
    int DefaultSupernetImages = 20_000,
    int Threads = 0)
{
    public DefaultSupernetSettings Supernets => new(Data, DefaultSupernetEpochs, DefaultSupernetImages, EvaluationImages);

    public SharedHeadOptions Head(int seed) => new(HeadSteps, BatchSize, LearningRate, WeightDecay, PopulationSize, Bins, seed);

    public PseudoLabelOptions FineTune(int seed) => new(FineTuneSteps, BatchSize, LearningRate, WeightDecay, seed);
}

public sealed class PseudoLabelSettingsValidator : AbstractValidator<PseudoLabelSettings>
{
    public PseudoLabelSettingsValidator()
    {
        RuleFor(s => s.Data).NotEmpty().WithName("PseudoLabel__Data");
        RuleFor(s => s.BodyTask).NotEmpty().WithName("PseudoLabel__BodyTask");
        RuleFor(s => s.HeadSteps).InclusiveBetween(1, 100_000).WithName("PseudoLabel__HeadSteps");
        RuleFor(s => s.FineTuneSteps).InclusiveBetween(0, 100_000).WithName("PseudoLabel__FineTuneSteps");
        RuleFor(s => s.BatchSize).InclusiveBetween(1, 4096).WithName("PseudoLabel__BatchSize");
        RuleFor(s => s).Must(s => s.TrainImages >= s.BatchSize).WithName("PseudoLabel__TrainImages")
            .WithMessage(s => $"PseudoLabel__TrainImages ({s.TrainImages}) makes no batch of PseudoLabel__BatchSize ({s.BatchSize}).");
        RuleFor(s => s.LearningRate).GreaterThan(0).LessThanOrEqualTo(1).WithName("PseudoLabel__LearningRate");
        RuleFor(s => s.WeightDecay).InclusiveBetween(0, 1).WithName("PseudoLabel__WeightDecay");
        RuleFor(s => s.PopulationSize).InclusiveBetween(1, 1000).WithName("PseudoLabel__PopulationSize");
        RuleFor(s => s.Bins).InclusiveBetween(1, 100).WithName("PseudoLabel__Bins");
        RuleFor(s => s.TrainImages).InclusiveBetween(1, 55_000).WithName("PseudoLabel__TrainImages");
        RuleFor(s => s.EvaluationImages).InclusiveBetween(1, 5_000).WithName("PseudoLabel__EvaluationImages");
        RuleFor(s => s.DefaultSupernetEpochs).InclusiveBetween(1, 100).WithName("PseudoLabel__DefaultSupernetEpochs");
        RuleFor(s => s.DefaultSupernetImages).InclusiveBetween(1, 55_000).WithName("PseudoLabel__DefaultSupernetImages");
        RuleFor(s => s.Threads).InclusiveBetween(0, 1024).WithName("PseudoLabel__Threads");
    }
}
