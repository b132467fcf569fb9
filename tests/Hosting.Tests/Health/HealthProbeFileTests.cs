using Microsoft.Extensions.Diagnostics.HealthChecks;
using NasPipeline.Hosting.Health;

namespace NasPipeline.Hosting.Tests.Health;

public sealed class HealthProbeFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nasp-health-").FullName;

    private string ProbePath => Path.Combine(_folder, "healthy");

    [Fact]
    public void A_healthy_report_writes_one_line_per_check_in_name_order()
    {
        new HealthProbeFile(ProbePath).Record(Report(("postgres", HealthStatus.Healthy, "answers"), ("masstransit-bus", HealthStatus.Healthy, "Ready")));

        Assert.Equal("Healthy\nmasstransit-bus: Healthy (Ready)\npostgres: Healthy (answers)\n", File.ReadAllText(ProbePath));
        Assert.Equal([ProbePath], Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData(HealthStatus.Unhealthy)]
    [InlineData(HealthStatus.Degraded)]
    public void Any_check_not_healthy_removes_the_file_a_healthy_report_wrote(HealthStatus status)
    {
        var probe = new HealthProbeFile(ProbePath);
        probe.Record(Report(("postgres", HealthStatus.Healthy, ""), ("masstransit-bus", HealthStatus.Healthy, "")));
        Assert.True(File.Exists(ProbePath));

        probe.Record(Report(("postgres", HealthStatus.Healthy, ""), ("masstransit-bus", status, "Not ready: not started")));

        Assert.False(File.Exists(ProbePath));
        probe.Record(Report(("postgres", status, "")));
        Assert.False(File.Exists(ProbePath));
    }

    [Fact]
    public void A_probe_folder_that_does_not_exist_is_refused_with_the_path()
    {
        var validator = new HealthProbeSettingsValidator();
        var missing = Path.Combine(_folder, "no-such-folder", "healthy");

        var result = validator.Validate(new HealthProbeSettings(missing));

        Assert.Equal([$"the folder of '{missing}' does not exist."], result.Errors.Select(e => e.ErrorMessage));
        Assert.True(validator.Validate(new HealthProbeSettings(ProbePath)).IsValid);
        Assert.True(validator.Validate(new HealthProbeSettings()).IsValid);
        Assert.False(validator.Validate(new HealthProbeSettings(ProbePath, IntervalSeconds: 0)).IsValid);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static HealthReport Report(params (string Name, HealthStatus Status, string Description)[] checks) =>
        new(checks.ToDictionary(c => c.Name, c => new HealthReportEntry(c.Status, c.Description, TimeSpan.Zero, null, null)), TimeSpan.Zero);
}
