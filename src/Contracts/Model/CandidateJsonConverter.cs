using System.Text.Json;
using System.Text.Json.Serialization;

namespace NasPipeline.Contracts.Model;

/// <summary>
/// Writes a <see cref="Candidate"/> as <c>{"kind":"graph-blob","name":"..."}</c> and reads that or, from streams and
/// queues written before candidates had kinds, the bare name (the upcast: <see cref="Candidate.FromUntypedName"/>).
/// </summary>
public sealed class CandidateJsonConverter : JsonConverter<Candidate>
{
    private static readonly JsonNamingPolicy KindNames = JsonNamingPolicy.KebabCaseLower;

    public override Candidate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return Candidate.FromUntypedName(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A candidate is an object with a kind and a name, or a name; found {reader.TokenType}.");
        }

        string? kind = null, name = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            if (string.Equals(property, "kind", StringComparison.OrdinalIgnoreCase))
            {
                kind = reader.GetString();
            }
            else if (string.Equals(property, "name", StringComparison.OrdinalIgnoreCase))
            {
                name = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return name is null
            ? throw new JsonException("A candidate needs a name.")
            : new Candidate(ParseKind(kind) ?? throw new JsonException($"Unknown candidate kind '{kind}' (known: {Known})."), name);
    }

    public override void Write(Utf8JsonWriter writer, Candidate value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", KindNames.ConvertName(value.Kind.ToString()));
        writer.WriteString("name", value.Name);
        writer.WriteEndObject();
    }

    private static string Known => string.Join(", ", Enum.GetNames<CandidateKind>().Select(KindNames.ConvertName));

    private static CandidateKind? ParseKind(string? text) =>
        Enum.GetValues<CandidateKind>().Select(k => (CandidateKind?)k).FirstOrDefault(k => KindNames.ConvertName(k!.Value.ToString()) == text);
}
