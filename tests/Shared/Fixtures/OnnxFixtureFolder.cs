namespace NasPipeline.Tests.Shared.Fixtures;

/// <summary>tests/fixtures/onnx, found by walking up from the test binaries.</summary>
internal static class OnnxFixtureFolder
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "onnx");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/onnx not found above " + AppContext.BaseDirectory);
    }
}
