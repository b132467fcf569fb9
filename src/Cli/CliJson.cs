using System.Text.Json;
using NasPipeline.Contracts.Json;

namespace NasPipeline.Cli;

/// <summary>What every <c>--json</c> of nasp prints: a value in the tools' one style (<see cref="OutputJson"/>).</summary>
public static class CliJson
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, OutputJson.Options);
}
