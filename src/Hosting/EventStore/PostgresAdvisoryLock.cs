using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace NasPipeline.Hosting.EventStore;

/// <summary>
/// A PostgreSQL session-level advisory lock, held while this object lives: one holder across every process that shares
/// the database (e.g. two replicas of a stage), the others wait. It lives on its own unpooled connection, whose close
/// ends the session and so always releases the lock, also when a process dies holding it.
/// </summary>
public sealed class PostgresAdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private PostgresAdvisoryLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Waits for the lock named <paramref name="name"/> (hashed to PostgreSQL's 64-bit key space).</summary>
    public static async Task<PostgresAdvisoryLock> AcquireAsync(string connectionString, string name, CancellationToken cancellationToken)
    {
        // A pooled connection would keep the lock after Dispose, until the pool reset it on its next use.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = KeyOf(name) });
            // No time limit: the holder may be training for minutes; a cancelled wait cancels the query.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresAdvisoryLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static long KeyOf(string name) => BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    /// <summary>Closing the unpooled connection ends the session, and the lock with it.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
