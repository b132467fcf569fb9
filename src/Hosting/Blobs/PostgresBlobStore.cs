using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Model;
using Npgsql;
using NpgsqlTypes;

namespace NasPipeline.Hosting.Blobs;

/// <summary>
/// Blobs live in one PostgreSQL table keyed by SHA-256, so every stage that reaches the database reaches the blobs,
/// and writing the same content twice is a no-op.
/// </summary>
public sealed class PostgresBlobStore(NpgsqlDataSource dataSource, string schema) : IBlobStore
{
    // bytea values above 1 GB are refused by PostgreSQL; fail early with a readable message instead.
    public const long MaxBlobBytes = 1L << 30;

    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private bool _schemaReady;

    public const string TableName = "blobs";

    private string Table => $"\"{schema}\".{TableName}";

    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default)
    {
        if (content.Length > MaxBlobBytes)
        {
            throw new ArgumentException($"A blob is limited to {MaxBlobBytes} bytes; this one has {content.Length}.", nameof(content));
        }

        await EnsureSchemaAsync(cancellationToken);
        var hash = ContentHash.Of(content.Span);
        // A second write of the same content is a no-op, unless the stored bytes were altered: then it repairs them, so
        // re-uploading the genuine file is the way back from a BlobAlteredException.
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO {Table} AS stored (hash, media_type, size_bytes, content) VALUES ($1, $2, $3, $4)
            ON CONFLICT (hash) DO UPDATE SET content = EXCLUDED.content, size_bytes = EXCLUDED.size_bytes
            WHERE encode(sha256(stored.content), 'hex') <> EXCLUDED.hash
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        command.Parameters.Add(new NpgsqlParameter { Value = mediaType });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)content.Length });
        command.Parameters.Add(new NpgsqlParameter { Value = content, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return hash;
    }

    public async Task<byte[]?> GetAsync(string hash, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = dataSource.CreateCommand($"SELECT content FROM {Table} WHERE hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        if (await command.ExecuteScalarAsync(cancellationToken) is not byte[] content)
        {
            return null;
        }

        // Content addressing is only a promise if reads check it: hashing costs far less than moving the bytes.
        var actual = ContentHash.Of(content);
        return string.Equals(actual, hash, StringComparison.Ordinal) ? content : throw new BlobAlteredException(hash, actual);
    }

    public async Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = dataSource.CreateCommand($"SELECT 1 FROM {Table} WHERE hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>
    /// Creates the table when it is not there yet (`nasp db migrate`, or the first use by a process allowed DDL). A role
    /// without DDL rights only ever reads the catalogue here: the table it finds is never created again.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady && !await TableExistsAsync(cancellationToken))
            {
                // Several stages may start at once: IF NOT EXISTS plus retry-on-race keeps the first start idempotent.
                await using var command = dataSource.CreateCommand(
                    $"""
                    CREATE SCHEMA IF NOT EXISTS "{schema}";
                    CREATE TABLE IF NOT EXISTS {Table} (
                        hash text PRIMARY KEY,
                        media_type text NOT NULL,
                        size_bytes bigint NOT NULL,
                        content bytea NOT NULL,
                        created_at timestamptz NOT NULL DEFAULT now());
                    """);
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject)
                {
                    // Another process created it between our check and our create.
                }
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private async Task<bool> TableExistsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = Table });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
