using System.Net.Http.Headers;

namespace NasPipeline.Tests.Infrastructure;

/// <summary>
/// Empties a stage's durable queue through RabbitMQ's management API before a test starts that stage's process.
/// Earlier tests that ran other stages leave messages there (every ONNX submission's GraphExtracted reaches
/// nasp-search), and a fresh Search process would otherwise start mutation searches for those old runs.
/// </summary>
public static class StageQueues
{
    public static async Task PurgeAsync(string queue)
    {
        var management = TestServers.RabbitMqManagement ?? throw new InvalidOperationException("RabbitMq__ManagementUri is not set; run the suite with ./scripts/test.sh.");
        using var http = new HttpClient { BaseAddress = new Uri(management) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        using var response = await http.DeleteAsync($"api/queues/%2F/{queue}/contents");
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }
}
