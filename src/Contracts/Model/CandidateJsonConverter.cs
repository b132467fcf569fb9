using System.Text.Json;
using System.Text.Json.Serialization;

namespace NasPipeline.Contracts.Model;

/// <summary>
/// Writes a <see cref="Candidate"/> as <c>{"kind":"graph-blob","name":"..."}</c> and reads that or, from streams and
/// queues written before candidates had kinds, the bare name (the upcast: <see cref="Candidate.FromUntypedName"/>).
/// </summary>
public sealed class CandidateJsonConverter : JsonConverter<Candidate>
{
    // Every candidate of every stored event passes through here when a stream is folded: name the kinds once.
    private static readonly Dictionary<CandidateKind, string> NameOf =
        Enum.GetValues<CandidateKind>().ToDictionary(k => k, k => JsonNamingPolicy.KebabCaseLower.ConvertName(k.ToString()));

    private static readonly Dictionary<string, CandidateKind> KindOf = NameOf.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

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
            : new Candidate(kind is not null && KindOf.TryGetValue(kind, out var known)
                ? known
                : throw new JsonException($"Unknown candidate kind '{kind}' (known: {string.Join(", ", NameOf.Values)})."), name);
    }

    public override void Write(Utf8JsonWriter writer, Candidate value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", NameOf[value.Kind]);
        writer.WriteString("name", value.Name);
        writer.WriteEndObject();
    }
}
