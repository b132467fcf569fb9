using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NasPipeline.Bench.Load;

/// <summary>Ready + unacknowledged messages and consumers of the pipeline's queues, from RabbitMQ's management API;
/// keeps each queue's largest depth seen.</summary>
public sealed class QueueDepths(Uri managementUri, Uri amqpUri) : IDisposable
{
    private readonly HttpClient _http = Client(managementUri, amqpUri);
    private readonly string _vhost = Uri.UnescapeDataString(amqpUri.AbsolutePath.TrimStart('/')) is { Length: > 0 } v ? v : "/";

    public Dictionary<string, long> Largest { get; } = new(StringComparer.Ordinal);

    /// <summary>The pipeline's queues (nasp-*, their _error and _skipped queues) by name: (messages, consumers).</summary>
    public async Task<IReadOnlyDictionary<string, (long Messages, int Consumers)>> ReadAsync(CancellationToken cancellationToken)
    {
        var queues = await _http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(_vhost)}?columns=name,messages,consumers", cancellationToken);
        var result = new SortedDictionary<string, (long, int)>(StringComparer.Ordinal);
        foreach (var queue in queues.EnumerateArray())
        {
            var name = queue.GetProperty("name").GetString() ?? "";
            if (!name.StartsWith("nasp-", StringComparison.Ordinal))
            {
                continue;
            }

            var messages = queue.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0;
            var consumers = queue.TryGetProperty("consumers", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
            result[name] = (messages, consumers);
            Largest[name] = Math.Max(Largest.GetValueOrDefault(name), messages);
        }

        return result;
    }

    private static HttpClient Client(Uri managementUri, Uri amqpUri)
    {
        var http = new HttpClient { BaseAddress = managementUri, Timeout = TimeSpan.FromSeconds(10) };
        var user = Uri.UnescapeDataString(amqpUri.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
        return http;
    }

    public void Dispose() => _http.Dispose();
}
