namespace NasPipeline.Search.Tests.Mutation;

/// <summary>The torchvision exports in tests/fixtures/onnx, found from the test binaries upwards.</summary>
internal static class Fixtures
{
    public static byte[] Read(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "tests", "fixtures", "onnx", file)))
        {
            dir = dir.Parent;
        }

        return File.ReadAllBytes(Path.Combine(dir?.FullName ?? throw new FileNotFoundException(file), "tests", "fixtures", "onnx", file));
    }
}
