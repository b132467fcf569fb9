using System.Globalization;
using System.Security.Cryptography;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet;
using NasPipeline.Supernet.Designs;
using NasPipeline.Supernet.Export;

namespace NasPipeline.Latency;

/// <summary>
/// A search-space candidate's latency: the subnet is exported to ONNX from the space's supernet seeded with 0 (timing
/// does not depend on the weights, and a fixed seed makes the same point give the same file), hashed, looked up in the
/// cache, and timed by <see cref="OnnxLatencyMeter"/> only when the cache has no figure for that graph, processor and
/// setting. One supernet per space is built on first use and kept.
/// </summary>
public sealed class SubnetLatency(SearchSpaceRegistry spaces, OnnxLatencyMeter meter, ILatencyCache cache) : IDisposable
{
    private readonly Dictionary<string, ElasticSupernet> _supernets = new(StringComparer.Ordinal);
    private readonly Lock _exporting = new();

    public async Task<MeasuredLatency> MeasureAsync(string candidate, CancellationToken cancellationToken)
    {
        var onnx = Export(candidate);
        var hash = Convert.ToHexStringLower(SHA256.HashData(onnx));
        var key = CacheKey(hash, ProcessorName.Current, meter.Settings);
        if (await cache.FindAsync(key, cancellationToken) is { } cached)
        {
            return cached;
        }

        var timing = meter.Measure(onnx);
        var measured = new MeasuredLatency(timing.MedianMs, meter.Settings.Threads, meter.Settings.WarmupRuns, meter.Settings.TimedRuns, hash, ProcessorName.Current);
        await cache.StoreAsync(key, measured, cancellationToken);
        return measured;
    }

    public static string CacheKey(string graphHash, string device, LatencySettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"{graphHash}|{device}|threads {settings.Threads}|warm-up {settings.WarmupRuns}|runs {settings.TimedRuns}");

    /// <summary>The subnet's ONNX file as it is timed.</summary>
    public byte[] Export(string candidate)
    {
        if (!CandidateCodec.TryDecode(candidate, out var spaceName, out var genes) || !spaces.TryGet(spaceName, out var space))
        {
            throw new ArgumentException($"'{candidate}' is not a point of a known search space; latency is timed on search-space subnets.", nameof(candidate));
        }

        lock (_exporting)
        {
            if (!_supernets.TryGetValue(space.Name, out var supernet))
            {
                supernet = _supernets[space.Name] = SupernetDesigns.Create(space, 0);
            }

            return SubnetExport.Of(supernet, space.Repair(genes), "seeded initialisation (seed 0), exported for timing").Onnx;
        }
    }

    public void Dispose()
    {
        lock (_exporting)
        {
            foreach (var supernet in _supernets.Values)
            {
                supernet.Module.Dispose();
            }

            _supernets.Clear();
        }
    }
}
