using System.Security.Cryptography;

namespace NasPipeline.Contracts.Model;

/// <summary>How a blob is named: the lower-case hex SHA-256 of its bytes. Events carry these names, so whoever stores a
/// blob and whoever names it in an event before storing it must compute the same one.</summary>
public static class ContentHash
{
    public const int Length = 64;

    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Whether the text has the shape of a blob name (not whether such a blob exists).</summary>
    public static bool IsHash(string text) => text.Length == Length && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
