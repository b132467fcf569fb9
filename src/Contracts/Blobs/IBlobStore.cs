namespace NasPipeline.Contracts.Blobs;

/// <summary>Content-addressed storage for large binaries (models, graphs, weights, checkpoints), shared by all stages.</summary>
public interface IBlobStore
{
    /// <summary>Stores the bytes once; returns their lower-case hex SHA-256, the key events carry.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default);

    /// <summary>The stored bytes, or null when none are stored under the hash; throws <see cref="BlobAlteredException"/>
    /// when the stored bytes no longer hash to their key.</summary>
    Task<byte[]?> GetAsync(string hash, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken = default);
}

public sealed class BlobNotFoundException(string hash) : Exception($"Blob {hash} is not in the blob store.")
{
    public string Hash { get; } = hash;
}

/// <summary>A stored blob whose bytes no longer hash to its key: changed in the database after it was written.</summary>
public sealed class BlobAlteredException(string hash, string actualHash)
    : Exception($"Stored blob {hash} was altered: its content now hashes to {actualHash}, so nothing that names it can be trusted or re-driven.")
{
    public string Hash { get; } = hash;

    public string ActualHash { get; } = actualHash;
}
