using System.Net.Http.Headers;
using System.Text;

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
        // The broker user and vhost of RabbitMq__Uri (scripts/servers.sh generates the password).
        var broker = TestServers.RabbitMq;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(broker.UserInfo))));
        var vhost = broker.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
        using var response = await http.DeleteAsync($"api/queues/{Uri.EscapeDataString(vhost)}/{queue}/contents");
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }
}
