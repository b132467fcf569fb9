using System.Security.Cryptography;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Latency.Tests;

/// <summary>Real exports of mbv3-28 subnets timed by ONNX Runtime on this machine.</summary>
public sealed class SubnetLatencyTests : IDisposable
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly ISearchSpace Space = Spaces.Get("mbv3-28");
    private static readonly LatencySettings Settings = new(Threads: 1, WarmupRuns: 2, TimedRuns: 9);
    private readonly MemoryLatencyCache _cache = new();
    private readonly SubnetLatency _latency;

    public SubnetLatencyTests() => _latency = new SubnetLatency(Spaces, new OnnxLatencyMeter(Settings), _cache);

    [Fact]
    public async Task A_subnet_is_timed_with_its_setting_processor_and_graph_hash_recorded()
    {
        var candidate = Name(Space.Smallest);

        var measured = await _latency.MeasureAsync(candidate, default);

        Assert.True(measured.MedianMs > 0 && double.IsFinite(measured.MedianMs), $"median {measured.MedianMs} ms");
        Assert.Equal((1, 2, 9), (measured.Threads, measured.WarmupRuns, measured.TimedRuns));
        Assert.Equal(ProcessorName.Current, measured.Device);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_latency.Export(candidate))), measured.GraphHash);
    }

    [Fact]
    public void The_same_point_exports_to_the_same_file_and_a_different_one_to_another()
    {
        Assert.Equal(_latency.Export(Name(Space.Largest)), _latency.Export(Name(Space.Largest)));
        Assert.NotEqual(_latency.Export(Name(Space.Largest)), _latency.Export(Name(Space.Smallest)));
    }

    [Fact]
    public async Task A_graph_is_timed_once_then_read_from_the_cache()
    {
        var first = await _latency.MeasureAsync(Name(Space.Largest), default);
        var again = await _latency.MeasureAsync(Name(Space.Largest), default);

        Assert.Same(first, again);
        Assert.Equal(1, _cache.Count);
    }

    [Fact]
    public async Task The_largest_subnet_takes_longer_than_the_smallest()
    {
        // 12.4 against 0.9 MMACs: a factor the medians of 9 runs resolve even on a busy machine.
        var smallest = await _latency.MeasureAsync(Name(Space.Smallest), default);
        var largest = await _latency.MeasureAsync(Name(Space.Largest), default);

        Assert.True(largest.MedianMs > smallest.MedianMs, $"largest {largest.MedianMs} ms, smallest {smallest.MedianMs} ms");
    }

    [Fact]
    public async Task A_name_that_is_not_a_point_of_a_known_space_is_refused_with_its_name()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _latency.MeasureAsync("no-such-space:1,2", default));

        Assert.Contains("'no-such-space:1,2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_by_name()
    {
        var result = new LatencySettingsValidator().Validate(new LatencySettings(Threads: 0, WarmupRuns: -1, TimedRuns: 0));

        Assert.Equal(["Latency__Threads must be between 1 and 256.", "Latency__WarmupRuns must be between 0 and 1000.", "Latency__TimedRuns must be between 1 and 10000."],
            result.Errors.Select(e => e.ErrorMessage));
    }

    public void Dispose() => _latency.Dispose();

    private static string Name(IReadOnlyList<int> point) => CandidateCodec.Encode(Space.Name, point);
}
