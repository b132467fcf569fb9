using NasPipeline.Search.Mutation;
using NasPipeline.Tests.Shared.Fixtures;

namespace NasPipeline.OnnxNetworks.Tests;

/// <summary>The fixtures of tests/fixtures/onnx; stripped weights seeded as the search seeds them.</summary>
internal static class Fixtures
{
    private static readonly string Folder = OnnxFixtureFolder.Find();

    public static byte[] Stripped(string file) => File.ReadAllBytes(Path.Combine(Folder, file));

    /// <summary>The fixture with every weight present (He-normal where the export left them out).</summary>
    public static byte[] Seeded(string file, long seed = 5) => KeptNetwork.Of(Stripped(file), seed).Onnx;
}
