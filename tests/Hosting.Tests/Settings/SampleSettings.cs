using FluentValidation;

namespace NasPipeline.Hosting.Tests.Settings;

/// <summary>Settings with init properties, like the Predict stage's.</summary>
public sealed record SampleSettings
{
    public int BatchSize { get; init; } = 50;

    public string Name { get; init; } = "default";

    public double Rate { get; init; } = 0.5;

    public bool Verbose { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
}

public sealed class SampleSettingsValidator : AbstractValidator<SampleSettings>
{
    public SampleSettingsValidator()
    {
        RuleFor(s => s.BatchSize).GreaterThanOrEqualTo(1);
        RuleFor(s => s.Name).NotEmpty();
    }
}

/// <summary>A positional record with defaults and no parameterless constructor, like the Search stage's.</summary>
public sealed record PositionalSettings(int Population = 40, int Generations = 10);

public sealed class PositionalSettingsValidator : AbstractValidator<PositionalSettings>
{
    public PositionalSettingsValidator() =>
        RuleFor(s => s.Population).InclusiveBetween(4, 1000).WithMessage((_, v) => $"The population must be between 4 and 1000, not {v}.");
}
