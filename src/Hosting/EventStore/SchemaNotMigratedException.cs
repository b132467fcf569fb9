namespace NasPipeline.Hosting.EventStore;

/// <summary>A process that may not change the schema (<c>Pipeline__ApplySchema=false</c>) found tables missing.</summary>
public sealed class SchemaNotMigratedException(string schema, IReadOnlyList<string> missingTables) : PipelineConfigurationException(
    $"The schema '{schema}' lacks {missingTables.Count} table(s) ({string.Join(", ", missingTables.Take(4))}{(missingTables.Count > 4 ? ", ..." : "")}) " +
    "and this process may not create them (Pipeline__ApplySchema=false): run `nasp db migrate` with the database owner's " +
    "connection string first.")
{
    public IReadOnlyList<string> MissingTables { get; } = missingTables;
}
