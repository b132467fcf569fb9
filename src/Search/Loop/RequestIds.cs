using System.Security.Cryptography;
using System.Text;

namespace NasPipeline.Search.Loop;

/// <summary>Request ids derived from the run and the decision (SHA-256, RFC 4122 version-5 layout), so deciding
/// twice gives the same id and a redriven run the same messages.</summary>
public static class RequestIds
{
    public static Guid For(Guid runId, string decision)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{runId:N}/{decision}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
