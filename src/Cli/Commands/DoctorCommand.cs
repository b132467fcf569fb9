using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using Npgsql;
using NasPipeline.Hosting;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Cli.Commands;

/// <summary>Checks what a run needs on this machine, one line each, so a broken set-up is found before a run fails.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check that torch loads and PostgreSQL answers, and say which transport `submit` will use.");
        command.Options.Add(DeviceOption.Create());
        command.SetCliAction((_, output, ct) => RunAsync(output, ct));
        return command;
    }

    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var healthy = true;
        try
        {
            await output.WriteLineAsync($"torch       ok: {TorchEnvironment.Initialise(new TorchOptions { Device = CliTorch.Device })}");
        }
        catch (TorchUnavailableException e)
        {
            healthy = false;
            await output.WriteLineAsync($"torch       FAILED: {e.Message}");
        }

        PipelineSettings settings;
        try
        {
            settings = PipelineSettings.FromEnvironment();
        }
        catch (PipelineConfigurationException e)
        {
            await output.WriteLineAsync($"postgres    not configured: {e.Message}");
            return 1;
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(settings.PostgresConnectionString);
            await using var command = dataSource.CreateCommand("SELECT version()");
            await output.WriteLineAsync($"postgres    ok: {await command.ExecuteScalarAsync(cancellationToken)}");
        }
        catch (NpgsqlException e)
        {
            healthy = false;
            await output.WriteLineAsync($"postgres    FAILED: {e.Message}");
        }

        await output.WriteLineAsync(settings.RabbitMqUri is { } uri
            ? $"rabbitmq    configured: {uri.Host}:{uri.Port} (stages run as separate processes)"
            : "rabbitmq    not configured: `submit` runs every stage in its own process, in memory");
        return healthy ? 0 : 1;
    }
}
