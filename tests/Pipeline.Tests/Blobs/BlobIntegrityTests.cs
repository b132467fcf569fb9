using System.Security.Cryptography;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Tests.Infrastructure;
using Npgsql;

namespace NasPipeline.Tests.Blobs;

/// <summary>Content addressing holds on the real database: reads check the hash, and re-uploading the genuine bytes repairs an altered blob.</summary>
[Collection(PipelineCollection.Name)]
public sealed class BlobIntegrityTests(PipelineFixture fixture)
{
    [Fact]
    public async Task An_altered_blob_is_refused_on_read_and_repaired_by_uploading_the_genuine_bytes_again()
    {
        var genuine = RandomNumberGenerator.GetBytes(4096);
        var hash = await fixture.Blobs.PutAsync(genuine, "application/octet-stream");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(genuine)), hash);

        Assert.Equal(1, await AlterAsync(hash));
        var refused = await Assert.ThrowsAsync<BlobAlteredException>(() => fixture.Blobs.GetAsync(hash));
        Assert.Equal(hash, refused.Hash);
        Assert.NotEqual(hash, refused.ActualHash);

        Assert.Equal(hash, await fixture.Blobs.PutAsync(genuine, "application/octet-stream"));

        Assert.Equal(genuine, await fixture.Blobs.GetAsync(hash));
        Assert.Equal(genuine.Length, await StoredSizeAsync(hash));
    }

    [Fact]
    public async Task Writing_the_same_genuine_bytes_twice_leaves_the_stored_row_untouched()
    {
        var content = RandomNumberGenerator.GetBytes(512);
        var hash = await fixture.Blobs.PutAsync(content, "application/octet-stream");
        var before = await RowVersionAsync(hash);

        await fixture.Blobs.PutAsync(content, "application/octet-stream");

        Assert.Equal(before, await RowVersionAsync(hash));
        Assert.Equal(content, await fixture.Blobs.GetAsync(hash));
    }

    private async Task<int> AlterAsync(string hash)
    {
        await using var alter = fixture.DataSource.CreateCommand(
            $"UPDATE \"{fixture.Schema}\".blobs SET content = substring(content from 1 for length(content) - 16) WHERE hash = $1");
        alter.Parameters.Add(new NpgsqlParameter { Value = hash });
        return await alter.ExecuteNonQueryAsync();
    }

    private async Task<long> StoredSizeAsync(string hash)
    {
        await using var command = fixture.DataSource.CreateCommand($"SELECT size_bytes FROM \"{fixture.Schema}\".blobs WHERE hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // xmin changes whenever PostgreSQL writes a new version of the row, so an unchanged xmin means the second write did nothing.
    private async Task<string> RowVersionAsync(string hash)
    {
        await using var command = fixture.DataSource.CreateCommand($"SELECT xmin::text FROM \"{fixture.Schema}\".blobs WHERE hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
