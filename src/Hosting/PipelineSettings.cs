using Microsoft.Extensions.Configuration;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Hosting;

/// <summary>Where the pipeline's servers are. No broker URI means the one-process in-memory transport.</summary>
public sealed record PipelineSettings(string PostgresConnectionString, Uri? RabbitMqUri, Uri? RabbitMqManagementUri, string Schema)
{
    public const string PostgresKey = "ConnectionStrings:Postgres";
    public const string RabbitMqUriKey = "RabbitMq:Uri";
    public const string RabbitMqManagementUriKey = "RabbitMq:ManagementUri";
    public const string SchemaKey = "Pipeline:Schema";
    public const string ApplySchemaKey = "Pipeline:ApplySchema";

    /// <summary>
    /// False where the process connects as a role without DDL rights (a stage's own role): it then only checks that
    /// `nasp db migrate` has applied the schema (<see cref="SchemaPolicy.RequireMigrated"/>).
    /// </summary>
    public bool ApplySchema { get; init; } = true;

    /// <summary>The schema policy a process that would otherwise use <paramref name="preferred"/> runs under.</summary>
    public SchemaPolicy SchemaPolicyOr(SchemaPolicy preferred) =>
        ApplySchema ? preferred : SchemaPolicy.RequireMigrated;

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
            configuration[SchemaKey] is { Length: > 0 } schema ? schema : "nasp")
        {
            ApplySchema = ParseBool(configuration[ApplySchemaKey], "Pipeline__ApplySchema", true),
        };
    }

    /// <summary>From environment variables alone, for commands that start no host but need to know where the servers are.</summary>
    public static PipelineSettings FromEnvironment() => From(new ConfigurationBuilder().AddEnvironmentVariables().Build());

    private static bool ParseBool(string? text, string variable, bool fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text.Trim(), out var value)
            ? value
            : throw new PipelineConfigurationException($"{variable} must be true or false, not '{text}'.");
    }

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

public class PipelineConfigurationException(string message) : Exception(message);
