using System.Text.Json;
using System.Text.Json.Serialization;

namespace NasPipeline.Contracts.Json;

/// <summary>
/// The one style of every JSON a person or a script reads from the tools (<c>nasp ... --json</c>, <c>nasp-bench</c>, the
/// benchmarks' result files): snake_case fields, kebab-case enum values, NaN and infinities as strings rather than an
/// error. Here because every tool references Contracts, so none needs a new reference to share it. Not for messages or
/// stored documents, whose names are their own contract.
/// </summary>
public static class OutputJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        };

        // Shared by every tool: frozen, so no caller can change the style for the others.
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
