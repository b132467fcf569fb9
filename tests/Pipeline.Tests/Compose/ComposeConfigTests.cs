using System.Text.Json;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Compose;

/// <summary>compose/ as `docker-compose config` resolves it: every stage connected and health-checked, whatever it adds.</summary>
public sealed class ComposeConfigTests
{
    private static readonly string[] Stages = ["graphextract", "pseudolabel", "predict", "search", "adapt"];

    private static readonly string[] ConnectionSettings = ["ConnectionStrings__Postgres", "RabbitMq__Uri", "RabbitMq__ManagementUri"];

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["NASP_PG_PASSWORD"] = "pg-secret",
        ["NASP_RABBITMQ_PASSWORD"] = "mq-secret",
        ["NASP_POSTGRES"] = "Host=postgres;Port=5432;Database=nasp;Username=nasp;Password=pg-secret",
        ["NASP_RABBITMQ"] = "amqp://nasp:mq-secret@rabbitmq:5672/nasp",
        ["NASP_PG_PASSWORD_GRAPH_EXTRACT"] = "ge-secret",
        ["NASP_PG_PASSWORD_PSEUDO_LABEL"] = "pl-secret",
        ["NASP_PG_PASSWORD_PREDICT"] = "pr-secret",
        ["NASP_PG_PASSWORD_SEARCH"] = "se-secret",
        ["NASP_PG_PASSWORD_ADAPT"] = "ad-secret",
        ["NASP_PG_PASSWORD_DASHBOARD"] = "da-secret",
    };

    private static string ComposeFolder => Path.Combine(RepoPaths.Root, "compose");

    [Fact]
    public async Task Every_stage_gets_the_connection_settings_and_a_health_check_on_the_probe_file_its_process_keeps()
    {
        var services = (await ComposeConfig.ResolveAsync(Path.Combine(ComposeFolder, "docker-compose.yml"), Secrets)).GetProperty("services");

        foreach (var stage in Stages)
        {
            var service = services.GetProperty(stage);
            var environment = service.GetProperty("environment");
            Assert.All(ConnectionSettings, key => Assert.False(string.IsNullOrEmpty(Text(environment, key)), $"{stage}: {key}"));
            Assert.Equal("/tmp/nasp-healthy", Text(environment, "Health__File"));
            var test = string.Join(' ', service.GetProperty("healthcheck").GetProperty("test").EnumerateArray().Select(e => e.GetString()));
            Assert.Contains("/tmp/nasp-healthy", test, StringComparison.Ordinal);
            Assert.Equal($"Stages.{StageProject(stage)}", service.GetProperty("build").GetProperty("args").GetProperty("STAGE").GetString());
            Assert.Equal(["migrate", "postgres", "rabbitmq"], service.GetProperty("depends_on").EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal("service_completed_successfully", service.GetProperty("depends_on").GetProperty("migrate").GetProperty("condition").GetString());
        }
    }

    [Fact]
    public async Task Each_stage_connects_as_its_own_role_that_only_checks_the_schema_the_migrate_service_applies_as_owner()
    {
        var services = (await ComposeConfig.ResolveAsync(Path.Combine(ComposeFolder, "docker-compose.yml"), Secrets)).GetProperty("services");

        foreach (var (stage, role, password) in new[]
                 {
                     ("graphextract", "nasp_graph_extract", "ge-secret"), ("pseudolabel", "nasp_pseudo_label", "pl-secret"),
                     ("predict", "nasp_predict", "pr-secret"), ("search", "nasp_search", "se-secret"), ("adapt", "nasp_adapt", "ad-secret"),
                 })
        {
            var environment = services.GetProperty(stage).GetProperty("environment");
            Assert.Equal($"Host=postgres;Port=5432;Database=nasp;Username={role};Password={password}", Text(environment, "ConnectionStrings__Postgres"));
            Assert.Equal("false", Text(environment, "Pipeline__ApplySchema"));
        }

        var migrate = services.GetProperty("migrate");
        Assert.Equal(["db", "migrate"], migrate.GetProperty("command").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Secrets["NASP_POSTGRES"], Text(migrate.GetProperty("environment"), "ConnectionStrings__Postgres"));
        Assert.Equal("nasp", migrate.GetProperty("build").GetProperty("args").GetProperty("ASSEMBLY").GetString());
        var postgres = services.GetProperty("postgres");
        Assert.Contains(postgres.GetProperty("volumes").EnumerateArray(), v => v.ToString().Contains("/docker-entrypoint-initdb.d/", StringComparison.Ordinal));
        Assert.Equal("da-secret", Text(postgres.GetProperty("environment"), "NASP_PG_PASSWORD_DASHBOARD"));
    }

    [Fact]
    public async Task A_stage_given_its_own_environment_keeps_the_connection_settings()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-compose-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(ComposeFolder))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var compose = Path.Combine(folder, "docker-compose.yml");
            var text = await File.ReadAllTextAsync(compose);
            const string predict = "  predict:\n";
            var at = text.IndexOf("    environment:\n", text.IndexOf(predict, StringComparison.Ordinal), StringComparison.Ordinal) + "    environment:\n".Length;
            Assert.True(at > predict.Length, "the predict service has an environment block");
            await File.WriteAllTextAsync(compose, text.Insert(at, "      Predict__DefaultPredictor: \"off\"\n"));

            var environment = (await ComposeConfig.ResolveAsync(compose, new Dictionary<string, string>(Secrets) { ["NASP_PG_HOST"] = "db.example" }))
                .GetProperty("services").GetProperty("predict").GetProperty("environment");

            Assert.Equal("off", Text(environment, "Predict__DefaultPredictor"));
            Assert.StartsWith("Host=db.example;", Text(environment, "ConnectionStrings__Postgres"), StringComparison.Ordinal);
            Assert.All(ConnectionSettings, key => Assert.False(string.IsNullOrEmpty(Text(environment, key)), key));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_the_passwords_compose_refuses_to_start_and_names_what_to_set()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ComposeConfig.ResolveAsync(Path.Combine(ComposeFolder, "docker-compose.yml")));

        Assert.Contains("set NASP_", error.Message, StringComparison.Ordinal);
        var text = string.Concat(Directory.GetFiles(ComposeFolder, "*.yml").Select(File.ReadAllText));
        Assert.DoesNotContain("Password=nasp", text, StringComparison.Ordinal);
        Assert.DoesNotContain("nasp:nasp@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("guest", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_context_leaves_out_build_outputs_server_state_and_git()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["**/bin/", "**/obj/", ".local/", ".git/"], StringComparer.Ordinal), ignored);
        Assert.False(File.Exists(Path.Combine(ComposeFolder, "Dockerfile.dockerignore")),
            "a Dockerfile-specific ignore file would replace the root one under BuildKit; keep one list");
    }

    private static string? Text(JsonElement environment, string key) =>
        environment.TryGetProperty(key, out var value) ? value.GetString() : null;

    private static string StageProject(string service) => service switch
    {
        "graphextract" => "GraphExtract",
        "pseudolabel" => "PseudoLabel",
        _ => char.ToUpperInvariant(service[0]) + service[1..],
    };
}
