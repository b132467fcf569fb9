using FluentValidation;

namespace NasPipeline.Hosting.Health;

/// <summary>
/// Section <c>Health</c>: <paramref name="File"/>, where a stage keeps its health (<c>Health__File</c>; empty: no probe
/// file), refreshed every <paramref name="IntervalSeconds"/> while every check (bus, database) is healthy and removed
/// otherwise, so an orchestrator can test the file's age (compose/docker-compose.yml does).
/// </summary>
public sealed record HealthProbeSettings(string File = "", int IntervalSeconds = 10);

public sealed class HealthProbeSettingsValidator : AbstractValidator<HealthProbeSettings>
{
    public HealthProbeSettingsValidator()
    {
        RuleFor(s => s.IntervalSeconds).InclusiveBetween(1, 3600);
        RuleFor(s => s.File)
            .Must(file => Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(file))))
            .When(s => s.File.Length > 0)
            .WithMessage(s => $"the folder of '{s.File}' does not exist.");
    }
}
