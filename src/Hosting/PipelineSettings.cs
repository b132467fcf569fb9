using Microsoft.Extensions.Configuration;

namespace NasPipeline.Hosting;

/// <summary>Where the pipeline's servers are. No broker URI means the one-process in-memory transport.</summary>
public sealed record PipelineSettings(string PostgresConnectionString, Uri? RabbitMqUri, Uri? RabbitMqManagementUri, string Schema)
{
    public const string PostgresKey = "ConnectionStrings:Postgres";
    public const string RabbitMqUriKey = "RabbitMq:Uri";
    public const string RabbitMqManagementUriKey = "RabbitMq:ManagementUri";
    public const string SchemaKey = "Pipeline:Schema";

    public static PipelineSettings From(IConfiguration configuration)
    {
        var postgres = configuration[PostgresKey];
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new PipelineConfigurationException(
                "No PostgreSQL connection string: set ConnectionStrings__Postgres (./scripts/servers.sh env prints one for the private cluster).");
        }

        return new PipelineSettings(
            postgres,
            ParseUri(configuration[RabbitMqUriKey], "RabbitMq__Uri"),
            ParseUri(configuration[RabbitMqManagementUriKey], "RabbitMq__ManagementUri"),
            configuration[SchemaKey] is { Length: > 0 } schema ? schema : "nasp");
    }

    /// <summary>From environment variables alone, for commands that start no host but need to know where the servers are.</summary>
    public static PipelineSettings FromEnvironment() => From(new ConfigurationBuilder().AddEnvironmentVariables().Build());

    private static Uri? ParseUri(string? text, string variable)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new PipelineConfigurationException($"{variable} is not an absolute URI: '{text}'.");
    }
}

public sealed class PipelineConfigurationException(string message) : Exception(message);
