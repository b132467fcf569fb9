using System.Text.Json.Serialization;

namespace NasPipeline.Bench.Supernet;

/// <summary>What <c>nasp-bench supernet-accuracy --json</c> prints: the subnets' test top-1 from the supernet and trained alone by the same recipe and budget.</summary>
/// <param name="FidelitySrcc">Spearman correlation of inherited and stand-alone accuracy over random subnets; null with <c>--no-fidelity</c>.</param>
public sealed record SupernetAccuracyFigures(
    [property: JsonPropertyName("largest_test_top1")] double LargestTestTop1,
    [property: JsonPropertyName("smallest_test_top1")] double SmallestTestTop1,
    [property: JsonPropertyName("largest_standalone_top1")] double LargestStandaloneTop1,
    [property: JsonPropertyName("smallest_standalone_top1")] double SmallestStandaloneTop1,
    [property: JsonPropertyName("fidelity_srcc")] double? FidelitySrcc);
