using NasPipeline.Tests.Shared.Fixtures;

namespace NasPipeline.ComputationGraph.Tests.Support;

/// <summary>Locates tests/fixtures/onnx by walking up from the test binaries.</summary>
public static class FixturePaths
{
    public static string OnnxFolder { get; } = OnnxFixtureFolder.Find();

    public static string Model(string file) => Path.Combine(OnnxFolder, file);
}
