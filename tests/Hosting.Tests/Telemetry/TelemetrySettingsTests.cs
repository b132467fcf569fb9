using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NasPipeline.Hosting.Settings;
using NasPipeline.Hosting.Telemetry;
using NasPipeline.Hosting.Tests.Settings;
using OpenTelemetry.Trace;

namespace NasPipeline.Hosting.Tests.Telemetry;

public sealed class TelemetrySettingsTests
{
    private static IHost Build(params (string Key, string Value)[] pairs)
    {
        var builder = SettingsHost.Builder(pairs);
        builder.Services.AddPipelineTelemetry(builder.Configuration);
        return builder.BuildChecked();
    }

    [Fact]
    public void By_default_no_OpenTelemetry_SDK_is_started()
    {
        using var host = Build();

        Assert.Equal(TelemetryExporter.None, host.Services.GetRequiredService<TelemetrySettings>().Exporter);
        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("console", TelemetryExporter.Console)]
    [InlineData("OTLP", TelemetryExporter.Otlp)]
    public void An_exporter_named_in_any_case_starts_the_tracer(string value, TelemetryExporter expected)
    {
        using var host = Build(("Telemetry:Exporter", value), ("Telemetry:OtlpEndpoint", "http://collector:4317"));

        Assert.Equal(expected, host.Services.GetRequiredService<TelemetrySettings>().Exporter);
        Assert.NotNull(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void An_unknown_exporter_and_a_bad_endpoint_are_one_error_naming_the_variables()
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => Build(("Telemetry:Exporter", "jaeger")));
        Assert.Equal("Telemetry__Exporter must be one of none, console, otlp, not 'jaeger'.", error.Message);

        error = Assert.Throws<PipelineConfigurationException>(() => Build(("Telemetry:Exporter", "otlp"), ("Telemetry:OtlpEndpoint", "collector:4317")));
        Assert.Equal("Telemetry__OtlpEndpoint: 'collector:4317' is not an http(s) URL (e.g. http://collector:4317).", error.Message);
    }
}
