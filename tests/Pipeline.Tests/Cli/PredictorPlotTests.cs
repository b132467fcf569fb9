using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace NasPipeline.Tests.Cli;

/// <summary>`nasp predictor eval --plot`: predicted against true for every test architecture of every seed, SRCC in the title.</summary>
public sealed class PredictorPlotTests
{
    [Fact]
    public async Task Eval_plots_one_point_per_test_architecture_and_seed_with_the_printed_srcc_in_the_title()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-eval-plot-").FullName;
        try
        {
            var random = new Random(5);
            var archs = Enumerable.Range(0, 40).Select(_ => string.Concat(Enumerable.Range(0, 8).Select(_ => random.Next(3)))).Distinct().ToList();
            var csv = Path.Combine(folder, "macro.csv");
            await File.WriteAllTextAsync(csv, "arch,mean_acc\n" + string.Join("\n", archs.Select(a => $"{a},{80 + a.Sum(c => c - '0') + random.NextDouble():F3}")) + "\n");
            var jsonl = Path.Combine(folder, "macro.jsonl");
            Assert.Equal(0, (await NaspCli.RunAsync(new Dictionary<string, string>(), "data", "import", "nas-bench-macro", csv, "--out", jsonl)).ExitCode);
            var svg = Path.Combine(folder, "eval.svg");

            var eval = await NaspCli.RunAsync(new Dictionary<string, string>(), "predictor", "eval", "--data", jsonl, "--task", "mean_acc",
                "--model", "ridge", "--train-size", "10", "--seeds", "2", "--json", "--plot", svg);

            Assert.True(eval.ExitCode == 0, eval.Output);
            using var json = NaspCli.LastJson(eval.Output);
            var srcc = json.RootElement.GetProperty("srcc").GetDouble();
            var std = json.RootElement.GetProperty("srcc_std").GetDouble();
            using var reader = XmlReader.Create(svg, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
            var document = XDocument.Load(reader);
            var texts = document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"ridge on mean_acc, train 10: SRCC {srcc:F3} ± {std:F3}"), texts);
            // Every test architecture of both seeds is a circle; the legend adds one per seed.
            var circles = document.Descendants().Count(e => e.Name.LocalName == "ellipse");
            Assert.Equal(2 * (archs.Count - 10) + 2, circles);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
