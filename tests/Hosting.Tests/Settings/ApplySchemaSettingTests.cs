using Microsoft.Extensions.Configuration;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Hosting.Tests.Settings;

/// <summary><c>Pipeline__ApplySchema</c>: whether a process may bring the schema up to date, or only check it.</summary>
public sealed class ApplySchemaSettingTests
{
    private static PipelineSettings From(string? applySchema)
    {
        var values = new Dictionary<string, string?> { [PipelineSettings.PostgresKey] = "Host=x" };
        if (applySchema is not null)
        {
            values[PipelineSettings.ApplySchemaKey] = applySchema;
        }

        return PipelineSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    [Fact]
    public void By_default_a_process_applies_the_schema_its_own_way()
    {
        Assert.Equal(SchemaPolicy.ApplyAtStart, From(null).SchemaPolicyOr(SchemaPolicy.ApplyAtStart));
        Assert.Equal(SchemaPolicy.ApplyIfMissing, From("true").SchemaPolicyOr(SchemaPolicy.ApplyIfMissing));
    }

    [Fact]
    public void False_makes_every_process_only_check_the_migrated_schema()
    {
        Assert.Equal(SchemaPolicy.RequireMigrated, From("false").SchemaPolicyOr(SchemaPolicy.ApplyAtStart));
        Assert.Equal(SchemaPolicy.RequireMigrated, From("False").SchemaPolicyOr(SchemaPolicy.ApplyIfMissing));
    }

    [Fact]
    public void Another_value_is_a_configuration_error_naming_the_variable()
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => From("sometimes"));
        Assert.Contains("Pipeline__ApplySchema must be true or false, not 'sometimes'", error.Message, StringComparison.Ordinal);
    }
}
