using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NasPipeline.ArchitectureData;
using NasPipeline.ArchitectureData.Importing;
using NasPipeline.Cli.CommandLine;

namespace NasPipeline.Cli.Commands;

/// <summary><c>data import</c>: benchmark CSVs or ONNX folders to the JSON Lines format predictors train on.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var format = new Argument<string>("FORMAT")
        {
            Description = "nb101, nb201, nb301, transnas-micro, transnas-macro, nas-bench-macro, onnx-folder, or a built-in search space's name (e.g. mbv3-28).",
        };
        var source = new Argument<string>("FILE") { Description = "The CSV file (or, for onnx-folder, the folder) to import." };
        var target = new Option<string>("--out") { Description = "The JSON Lines file to write.", HelpName = "DATA.jsonl", Required = true };
        var import = new Command("import", "Convert a benchmark CSV, search-space points or an ONNX folder to architecture JSON Lines.") { format, source, target };
        import.SetCliAction((parse, output, _) => ImportAsync(parse.GetRequiredValue(format), parse.GetRequiredValue(source), parse.GetRequiredValue(target), output));
        return new Command("data", "Architecture datasets: import benchmark files as computation graphs with their metrics.") { import };
    }

    public static async Task<int> ImportAsync(string format, string source, string target, TextWriter output)
    {
        if (!File.Exists(source) && !Directory.Exists(source))
        {
            throw new CliUsageException($"No such file or folder: {source}");
        }

        IArchitectureImporter importer;
        try
        {
            importer = ImporterRegistry.Default.Get(format);
        }
        catch (ArchitectureDataException e)
        {
            throw new CliUsageException(e.Message);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var written = ArchitectureDataset.Write(target, Progress(importer.Import(source), clock));
            await Console.Error.WriteLineAsync();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote {written} architectures to {target} in {clock.Elapsed.TotalSeconds:F1} s"));
            return 0;
        }
        catch (ArchitectureDataException e)
        {
            await Console.Error.WriteLineAsync($"error: {source}: {e.Message}");
            return 1;
        }
    }

    private static IEnumerable<ArchitectureRecord> Progress(IEnumerable<ArchitectureRecord> records, Stopwatch clock)
    {
        var count = 0;
        foreach (var record in records)
        {
            if (++count % 500 == 0)
            {
                Console.Error.Write($"\r{count} architectures ({count / clock.Elapsed.TotalSeconds:F0}/s)");
            }

            yield return record;
        }
    }
}
