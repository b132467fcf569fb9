using FluentValidation;
using NasPipeline.SupernetHosting;
using NasPipeline.Vision.Data;

namespace NasPipeline.Stages.Adapt;

/// <summary>
/// The Adapt stage's configuration (<c>Adapt__Epochs=2</c>, ...). NAT's adaptation budget per iteration, the data, and
/// the default supernet a run without one starts from. A started adaptation records what it used
/// (<c>SupernetAdaptationStarted.Settings</c>), so changing these never changes a run in flight.
/// </summary>
/// <param name="Epochs">Passes over <paramref name="TrainImages"/> per iteration and task.</param>
/// <param name="ChunkSteps">Steps per message: the unit of progress and of what a crash can cost.</param>
/// <param name="EvaluationImages">Validation images a subnet is measured on (at most 5,000). The default small budget
/// measures on half of them: a large subnet takes about 20 s on 5,000 images with 2 cores, and a run measures dozens.</param>
/// <param name="Threads">libtorch's threads; 0 keeps its default (one per core). Set it lower when other stages share the
/// cores: threads that outnumber the cores spin against each other and train many times slower. Results are
/// reproducible for one thread count, which each adaptation records.</param>
/// <param name="ArchitectureImages">FNA's architecture adaptation (a submission with <c>--fna</c>): training images,
/// halved between weights and α; <paramref name="ArchitectureWarmupEpochs"/> of weight steps, then
/// <paramref name="ArchitectureSearchEpochs"/> of weight and α steps, <paramref name="ArchitectureChunkSteps"/> per
/// message (each step runs every candidate of every layer for α, so chunks are shorter). The defaults are
/// <c>nasp adapt</c>'s.</param>
/// <param name="DefaultSupernetEpochs">The default supernet's sandwich training, on <paramref name="DefaultSupernetImages"/>.</param>
public sealed record AdaptSettings(
    string Data = FashionMnistOptions.DefaultFolder,
    int Epochs = 1,
    int TrainImages = 10_000,
    int BatchSize = 128,
    double LearningRate = 1e-3,
    double WeightDecay = 4e-5,
    int ChunkSteps = 40,
    int EvaluationImages = 2_500,
    int DefaultSupernetEpochs = 1,
    int DefaultSupernetImages = 20_000,
    int Threads = 0,
    int ArchitectureImages = 6_000,
    int ArchitectureWarmupEpochs = 1,
    int ArchitectureSearchEpochs = 2,
    int ArchitectureChunkSteps = 10)
{
    public int TotalSteps => Epochs * (TrainImages / BatchSize);

    /// <summary>The data and default supernet the shared supernet services read.</summary>
    public DefaultSupernetSettings Supernets => new(Data, DefaultSupernetEpochs, DefaultSupernetImages, EvaluationImages);
}

public sealed class AdaptSettingsValidator : AbstractValidator<AdaptSettings>
{
    public AdaptSettingsValidator()
    {
        // The data folder is checked when a run needs it, failing that run with the reason: a host without the data
        // still serves every other stage.
        RuleFor(s => s.Data).NotEmpty().WithName("Adapt__Data");
        RuleFor(s => s.Epochs).InclusiveBetween(1, 100).WithName("Adapt__Epochs");
        RuleFor(s => s.TrainImages).InclusiveBetween(1, 55_000).WithName("Adapt__TrainImages");
        RuleFor(s => s.BatchSize).InclusiveBetween(1, 4096).WithName("Adapt__BatchSize");
        RuleFor(s => s).Must(s => s.TrainImages >= s.BatchSize).WithName("Adapt__TrainImages")
            .WithMessage(s => $"Adapt__TrainImages ({s.TrainImages}) makes no batch of Adapt__BatchSize ({s.BatchSize}).");
        RuleFor(s => s.LearningRate).GreaterThan(0).LessThanOrEqualTo(1).WithName("Adapt__LearningRate");
        RuleFor(s => s.WeightDecay).InclusiveBetween(0, 1).WithName("Adapt__WeightDecay");
        RuleFor(s => s.ChunkSteps).InclusiveBetween(1, 100_000).WithName("Adapt__ChunkSteps");
        RuleFor(s => s.EvaluationImages).InclusiveBetween(1, 5_000).WithName("Adapt__EvaluationImages");
        RuleFor(s => s.DefaultSupernetEpochs).InclusiveBetween(1, 100).WithName("Adapt__DefaultSupernetEpochs");
        RuleFor(s => s.DefaultSupernetImages).InclusiveBetween(1, 55_000).WithName("Adapt__DefaultSupernetImages");
        RuleFor(s => s.Threads).InclusiveBetween(0, 1024).WithName("Adapt__Threads");
        RuleFor(s => s.ArchitectureImages).InclusiveBetween(2, 55_000).WithName("Adapt__ArchitectureImages");
        RuleFor(s => s.ArchitectureWarmupEpochs).InclusiveBetween(0, 100).WithName("Adapt__ArchitectureWarmupEpochs");
        RuleFor(s => s.ArchitectureSearchEpochs).InclusiveBetween(1, 100).WithName("Adapt__ArchitectureSearchEpochs");
        RuleFor(s => s.ArchitectureChunkSteps).InclusiveBetween(1, 100_000).WithName("Adapt__ArchitectureChunkSteps");
    }
}
