using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NasPipeline.Hosting.Messaging;

public sealed record ErrorQueue(string Name, long Messages, IReadOnlyList<ErrorMessage> Samples);

public sealed record ErrorMessage(string MessageType, string Reason);

/// <summary>
/// Reads the _error queues (where MassTransit moves a message after its retries) through RabbitMQ's management API.
/// Messages are peeked with requeue, so listing never removes them.
/// </summary>
public sealed class ErrorQueues(Uri managementUri, Uri amqpUri)
{
    public async Task<IReadOnlyList<ErrorQueue>> ListAsync(int samplesPerQueue, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = managementUri, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Credentials())));
        var queues = await http.GetFromJsonAsync<JsonElement>("api/queues", cancellationToken);
        var result = new List<ErrorQueue>();
        foreach (var queue in queues.EnumerateArray())
        {
            var name = queue.GetProperty("name").GetString() ?? "";
            if (!name.EndsWith("_error", StringComparison.Ordinal))
            {
                continue;
            }

            var vhost = queue.GetProperty("vhost").GetString() ?? "/";
            var count = queue.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0;
            var samples = count == 0 ? [] : await PeekAsync(http, vhost, name, samplesPerQueue, cancellationToken);
            result.Add(new ErrorQueue(name, Math.Max(count, samples.Count), samples));
        }

        return result.OrderBy(q => q.Name, StringComparer.Ordinal).ToList();
    }

    private static async Task<IReadOnlyList<ErrorMessage>> PeekAsync(HttpClient http, string vhost, string queue, int count, CancellationToken cancellationToken)
    {
        var request = new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 50_000 };
        using var response = await http.PostAsJsonAsync($"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}/get", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return messages.EnumerateArray().Select(Describe).ToList();
    }

    private static ErrorMessage Describe(JsonElement message)
    {
        var headers = message.TryGetProperty("properties", out var p) && p.TryGetProperty("headers", out var h) ? h : default;
        string Header(string name) => headers.ValueKind == JsonValueKind.Object && headers.TryGetProperty(name, out var v) ? v.ToString() : "";
        var type = Header("MT-Fault-MessageType");
        if (type.Length == 0 && message.TryGetProperty("payload", out var payload))
        {
            type = TypeFromEnvelope(payload.GetString());
        }

        var reason = Header("MT-Fault-Message") is { Length: > 0 } fault ? fault : Header("MT-Reason");
        return new ErrorMessage(type.Length > 0 ? type : "?", reason.Length > 0 ? reason : "(no reason recorded)");
    }

    private static string TypeFromEnvelope(string? payload)
    {
        try
        {
            using var envelope = JsonDocument.Parse(payload ?? "{}");
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString() ?? ""
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    // The management API takes the broker user of RabbitMq__Uri; there is no default account to fall back on.
    private string Credentials() =>
        string.IsNullOrEmpty(amqpUri.UserInfo)
            ? throw new InvalidOperationException("RabbitMq__Uri names no user (amqp://USER:PASSWORD@HOST:PORT/VHOST): the management API needs one.")
            : Uri.UnescapeDataString(amqpUri.UserInfo);
}
