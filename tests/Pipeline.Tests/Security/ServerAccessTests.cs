using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NasPipeline.Tests.Infrastructure;
using Npgsql;

namespace NasPipeline.Tests.Security;

/// <summary>The servers scripts/servers.sh runs ask everyone for a password, and none of those passwords is a default.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ServerAccessTests(PipelineFixture fixture)
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task PostgreSQL_asks_every_connection_for_a_password_and_its_socket_is_the_server_users_alone()
    {
        var withoutPassword = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Password = null, Passfile = "/dev/null" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(withoutPassword))
        {
            var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
            Assert.Contains("password", refused.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Empty(await ColumnAsync("SELECT type || ' ' || auth_method FROM pg_hba_file_rules WHERE auth_method IN ('trust', 'password', 'md5')"));
        Assert.Equal(["0700"], await ColumnAsync("SHOW unix_socket_permissions"));
        var folder = (await ColumnAsync("SHOW unix_socket_directories")).Single();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public async Task RabbitMQ_has_no_guest_and_the_pipeline_user_works_in_its_own_vhost()
    {
        var broker = TestServers.RabbitMq;
        Assert.NotEqual("guest", broker.UserInfo.Split(':')[0]);
        Assert.NotEqual("/", broker.AbsolutePath);

        using var http = new HttpClient { BaseAddress = new Uri(TestServers.RabbitMqManagement!) };
        Assert.Equal(HttpStatusCode.Unauthorized, await WhoAmIAsync(http, "guest:guest"));
        Assert.Equal(HttpStatusCode.OK, await WhoAmIAsync(http, Uri.UnescapeDataString(broker.UserInfo)));
    }

    private static async Task<HttpStatusCode> WhoAmIAsync(HttpClient http, string credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<List<string>> ColumnAsync(string sql)
    {
        await using var command = fixture.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
