using FluentValidation;

namespace NasPipeline.Hosting.Telemetry;

/// <summary>Where traces and metrics go.</summary>
public enum TelemetryExporter
{
    /// <summary>Nowhere: no OpenTelemetry SDK is started (the default).</summary>
    None,

    /// <summary>Standard output, one block per span and metric, for a quick look or a test.</summary>
    Console,

    /// <summary>An OpenTelemetry collector over OTLP (<c>Telemetry__OtlpEndpoint</c>, else the SDK's
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else http://localhost:4317).</summary>
    Otlp,
}

/// <summary>
/// Section <c>Telemetry</c>: <paramref name="Exporter"/> (<c>Telemetry__Exporter</c>: none, console or otlp),
/// <paramref name="OtlpEndpoint"/> for otlp, and <paramref name="ServiceName"/> (default: the process's assembly name,
/// e.g. Stages.Search or nasp), which names this process in a trace.
/// </summary>
public sealed record TelemetrySettings(TelemetryExporter Exporter = TelemetryExporter.None, string OtlpEndpoint = "", string ServiceName = "");

public sealed class TelemetrySettingsValidator : AbstractValidator<TelemetrySettings>
{
    public TelemetrySettingsValidator() =>
        RuleFor(s => s.OtlpEndpoint)
            .Must(e => Uri.TryCreate(e, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .When(s => s.OtlpEndpoint.Length > 0)
            .WithMessage(s => $"'{s.OtlpEndpoint}' is not an http(s) URL (e.g. http://collector:4317).");
}
