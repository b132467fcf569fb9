using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using NasPipeline.Contracts.Events;
using NasPipeline.RunResults.Plots;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Cli;

/// <summary>
/// What a user sees of a finished run, with the real `nasp` and every stage in its process: the front of a point run
/// (`show --front`, `candidates`, `plot`) equals what the Search stage recorded; an ONNX run's path goes from the
/// submitted network to the kept one.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ResultCommandsTests(PipelineFixture fixture)
{
    private static readonly ISearchSpace Space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");

    [Fact]
    public async Task A_completed_point_run_shows_the_recorded_front_lists_every_score_and_plots_one_marker_per_member()
    {
        var env = Environment();
        var folder = Directory.CreateTempSubdirectory("nasp-results-").FullName;
        try
        {
            // Labels that grow with the genes: a predictor that trades accuracy against MACs, so the front has several members.
            await RegisterAsync(env, folder, "results-space", genes => 0.6 + genes.Sum() / 200.0, epochs: 3);
            var point = $"{Space.Name}:{string.Join(',', Space.Repair(Space.Sample(new Random(8))))}";
            var submit = await NaspCli.RunAsync(env, "submit", "--point", point, "--tasks", "results-space", "--seed", "3",
                "--population", "8", "--generations", "2", "--initial", "4", "--wait");
            Assert.True(submit.ExitCode == 0, submit.Output);
            var runId = Guid.Parse(NaspCli.RunIdOf(submit.Output));
            var stream = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList();
            var completed = stream.OfType<SearchCompleted>().Single();

            var csv = await NaspCli.RunAsync(env, "show", runId.ToString(), "--front", "--csv");
            Assert.True(csv.ExitCode == 0, csv.Output);
            var rows = Csv(csv.Output);
            Assert.Equal(["candidate", "macs", "params", "results-space", "results-space_source", "results-space_by"], rows[0]);
            Assert.Equal(completed.Front.Count, rows.Count - 1);
            foreach (var (member, row) in completed.Front.Zip(rows.Skip(1)))
            {
                var cost = Space.Cost(CandidateCodec.Genes(member.Candidate.Name));
                Assert.Equal(member.Candidate.Name, row[0]);
                Assert.Equal(member.Objectives["macs"], double.Parse(row[1], CultureInfo.InvariantCulture));
                Assert.Equal(cost.Params, long.Parse(row[2], CultureInfo.InvariantCulture));
                Assert.Equal(member.Objectives["results-space"], double.Parse(row[3], CultureInfo.InvariantCulture));
                Assert.Equal(("predicted", "gnn-adapter v1"), (row[4], row[5]));
            }

            var table = await NaspCli.RunAsync(env, "show", runId.ToString()[..23], "--front");
            Assert.True(table.ExitCode == 0, table.Output);
            Assert.Contains($"final front: {completed.Front.Count} members", table.Output, StringComparison.Ordinal);

            var candidates = await NaspCli.RunAsync(env, "candidates", runId.ToString(), "--csv");
            Assert.True(candidates.ExitCode == 0, candidates.Output);
            Assert.Equal(stream.OfType<CandidateScored>().Sum(s => s.Scores.Count), Csv(candidates.Output).Count - 1);

            var svgPath = Path.Combine(folder, "front.svg");
            var plot = await NaspCli.RunAsync(env, "plot", runId.ToString(), "--out", svgPath);
            Assert.True(plot.ExitCode == 0, plot.Output);
            Assert.Equal(completed.Front.Count, FinalMarkers(await File.ReadAllTextAsync(svgPath)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_point_run_ranking_by_latency_shows_every_front_member_s_timing_as_measured()
    {
        var env = Environment();
        var folder = Directory.CreateTempSubdirectory("nasp-results-").FullName;
        try
        {
            await RegisterAsync(env, folder, "results-latency", genes => 0.6 + genes.Sum() / 200.0, epochs: 3);
            var point = $"{Space.Name}:{string.Join(',', Space.Repair(Space.Sample(new Random(9))))}";
            var submit = await NaspCli.RunAsync(env, "submit", "--point", point, "--tasks", "results-latency", "--seed", "5",
                "--objective", "max:results-latency", "--objective", "min:latency", "--population", "8", "--generations", "2", "--initial", "4", "--wait");
            Assert.True(submit.ExitCode == 0, submit.Output);
            var runId = Guid.Parse(NaspCli.RunIdOf(submit.Output));
            var stream = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList();
            var timed = stream.OfType<CandidateScored>().SelectMany(s => s.Scores).ToLookup(s => s.Candidate.Name, s => s.Latency);
            var completed = stream.OfType<SearchCompleted>().Single();
            Assert.All(completed.Front, m => Assert.Equal(timed[m.Candidate.Name].First()!.MedianMs, m.Objectives["latency"]));

            var csv = await NaspCli.RunAsync(env, "show", runId.ToString(), "--front", "--csv");
            Assert.True(csv.ExitCode == 0, csv.Output);
            var rows = Csv(csv.Output);
            Assert.Equal(["candidate", "macs", "params"], rows[0][..3]);
            Assert.Equal(["latency", "latency_source", "latency_by", "results-latency", "results-latency_source", "results-latency_by"],
                rows[0][3..].Chunk(3).OrderBy(c => c[0], StringComparer.Ordinal).SelectMany(c => c));
            var column = Array.IndexOf(rows[0], "latency");
            Assert.Equal(completed.Front.Count, rows.Count - 1);
            Assert.All(rows.Skip(1), row =>
            {
                Assert.Equal(timed[row[0]].First()!.MedianMs, double.Parse(row[column], CultureInfo.InvariantCulture));
                Assert.Equal("measured", row[column + 1]);
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_onnx_run_path_starts_at_the_submitted_network_and_ends_at_the_kept_one()
    {
        var env = Environment();
        var folder = Directory.CreateTempSubdirectory("nasp-results-").FullName;
        try
        {
            // Labels that fall with MACs, learnt well enough (validation SRCC about 0.9) that smaller mutants score higher and are kept.
            await RegisterAsync(env, folder, "results-onnx", genes => 1 - Space.Cost(genes).Macs / 1.3e7, epochs: 30);
            var submit = await NaspCli.RunAsync(env, "submit", RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28",
                "--tasks", "results-onnx", "--seed", "4", "--population", "6", "--generations", "4", "--wait");
            Assert.True(submit.ExitCode == 0, submit.Output);
            var runId = Guid.Parse(NaspCli.RunIdOf(submit.Output));
            var stream = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList();
            var graph = stream.OfType<GraphExtracted>().Single();
            var completed = stream.OfType<SearchCompleted>().Single();
            var kept = completed.Front.Single();

            var csv = await NaspCli.RunAsync(env, "show", runId.ToString(), "--front", "--csv");
            Assert.True(csv.ExitCode == 0, csv.Output);
            var rows = Csv(csv.Output);
            Assert.Equal(["step", "round", "candidate", "mutation", "macs", "params", "kept"], rows[0][..7]);
            var first = rows[1];
            var last = rows[^1];
            Assert.Equal(("0", graph.GraphBlobHash, graph.Macs, graph.Params), (first[0], first[2], long.Parse(first[4], CultureInfo.InvariantCulture), long.Parse(first[5], CultureInfo.InvariantCulture)));
            Assert.Equal((kept.Candidate.Name, (long)kept.Objectives["macs"], (long)kept.Objectives["params"], "true"),
                (last[2], long.Parse(last[4], CultureInfo.InvariantCulture), long.Parse(last[5], CultureInfo.InvariantCulture), last[6]));
            Assert.True(rows.Count >= 3, "the search kept no mutant:\n" + csv.Output);
            var macs = rows.Skip(1).Select(r => long.Parse(r[4], CultureInfo.InvariantCulture)).ToList();
            Assert.True(macs.Zip(macs.Skip(1)).All(p => p.Second < p.First), "each kept step has fewer MACs: " + string.Join(", ", macs));

            var table = await NaspCli.RunAsync(env, "show", runId.ToString(), "--front");
            Assert.Contains($"kept network's ONNX: blob {completed.ModelBlobHash}", table.Output, StringComparison.Ordinal);
            Assert.Contains(graph.GraphBlobHash[..12] + " (submitted)", table.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Json_and_csv_together_are_a_usage_error()
    {
        var result = await NaspCli.RunAsync(Environment(), "show", Guid.NewGuid().ToString(), "--front", "--json", "--csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Choose one of --json and --csv", result.Output, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Environment()
    {
        var env = NaspCli.Embedded(fixture);
        env["OMP_WAIT_POLICY"] = "PASSIVE";
        return env;
    }

    /// <summary>24 seeded points of mbv3-28 labelled by <paramref name="label"/>, imported and trained into the task's predictor.</summary>
    private static async Task RegisterAsync(Dictionary<string, string> env, string folder, string task, Func<IReadOnlyList<int>, double> label, int epochs)
    {
        var random = new Random(12);
        var rows = Enumerable.Range(0, 24).Select(_ => Space.Repair(Space.Sample(random))).DistinctBy(g => string.Join(',', g))
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"\"{Space.Name}:{string.Join(',', g)}\",{label(g):F4}"));
        var csv = Path.Combine(folder, $"{task}.csv");
        await File.WriteAllTextAsync(csv, "candidate,accuracy\n" + string.Join('\n', rows) + "\n");
        var jsonl = Path.Combine(folder, $"{task}.jsonl");
        var import = await NaspCli.RunAsync(env, "data", "import", Space.Name, csv, "--out", jsonl);
        Assert.True(import.ExitCode == 0, import.Output);
        var train = await NaspCli.RunAsync(env, "predictor", "train", "--data", jsonl, "--task", "accuracy", "--for", task,
            "--epochs", $"{epochs}", "--pretrain-epochs", $"{epochs}", "--adapters", "1");
        Assert.True(train.ExitCode == 0, train.Output);
    }

    /// <summary>The CLI's CSV: RFC 4180 fields, a quoted one may hold commas.</summary>
    private static List<string[]> Csv(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '"' when quoted && i + 1 < line.Length && line[i + 1] == '"':
                    field.Append('"');
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                default:
                    field.Append(line[i]);
                    break;
            }
        }

        fields.Add(field.ToString());
        return fields.ToArray();
    }).ToList();

    /// <summary>Marker elements filled with the final front's colour (the legend draws the front as a line, not a marker).</summary>
    private static int FinalMarkers(string svg)
    {
        using var reader = XmlReader.Create(new StringReader(svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var fill = $"fill:rgb({PlotColors.Final.R},{PlotColors.Final.G},{PlotColors.Final.B})";
        return XDocument.Load(reader).Descendants()
            .Count(e => e.Name.LocalName is "ellipse" or "polygon" or "rect" && ((string?)e.Attribute("style"))?.Contains(fill, StringComparison.Ordinal) == true);
    }
}
