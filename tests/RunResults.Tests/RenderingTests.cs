using System.Text.Json;
using NasPipeline.Contracts.Events;
using NasPipeline.RunResults.Folding;
using NasPipeline.RunResults.Rendering;
using static NasPipeline.RunResults.Tests.RunEvents;

namespace NasPipeline.RunResults.Tests;

public sealed class RenderingTests
{
    private static readonly string Submitted = Hash('0');

    private static Model.RunResult Path() => RunResultFold.Of(Run,
    [
        SubmittedOnnx("classification"),
        Graph(Submitted, 1_000_000, 5_000),
        Predictor("classification", "gnn-adapter", 1),
        Scored(0, 1, (Submitted, "classification", 0.5)),
        Scored(1, 1, (Hash('1'), "classification", 0.125)),
        Generation(0, 1, Member(Hash('1'), ("classification", 0.125), ("macs", 800_000), ("params", 4_500))),
        new SearchCompleted(Run, [Member(Hash('1'), ("classification", 0.125), ("macs", 800_000), ("params", 4_500))], [], Hash('m')),
    ], Spaces);

    private static Model.RunResult Front() => RunResultFold.Of(Run,
    [
        SubmittedPoint(Mbv3.Smallest, "classification"),
        Scored(0, 1, (Smallest, "classification", 0.1), (Largest, "classification", 1.0 / 3)),
        Adapted(Largest, "classification", 0.75),
        new SearchCompleted(Run, [Member(Smallest, ("classification", 0.1), ("macs", 881_208)), Member(Largest, ("classification", 0.75), ("macs", 12_367_600))], []),
    ], Spaces);

    [Fact]
    public void Front_csv_quotes_the_candidates_and_round_trips_every_number()
    {
        var result = Front();

        var lines = ResultCsv.Result(result).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("candidate,macs,params,classification,classification_source,classification_by", lines[0]);
        Assert.Equal($"\"{Smallest}\",881208,{result.Front[0].Params},0.1,predicted,predictor v1", lines[1]);
        Assert.Equal($"\"{Largest}\",12367600,{result.Front[1].Params},0.75,measured,adapted subnet", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void Path_csv_has_one_row_per_step_and_marks_the_kept_network()
    {
        var lines = ResultCsv.Result(Path()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
        [
            "step,round,candidate,mutation,macs,params,kept,classification,classification_source,classification_by",
            $"0,,{Submitted},,1000000,5000,false,0.5,predicted,gnn-adapter v1",
            $"1,1,{Hash('1')},,800000,4500,true,0.125,predicted,gnn-adapter v1",
        ], lines);
    }

    [Fact]
    public void Candidates_csv_lists_every_score_with_its_request()
    {
        var lines = ResultCsv.Candidates(Front()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("candidate,generation,request_id,predictor_version,classification,uncertainty", lines[0]);
        Assert.Equal($"\"{Largest}\",0,00000000-0000-0000-0000-000000000001,1,{(1.0 / 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture)},0.01", lines[2]);
    }

    [Fact]
    public void Front_json_uses_the_documented_snake_case_fields()
    {
        using var json = JsonDocument.Parse(ResultJson.Result(Front()));
        var root = json.RootElement;

        Assert.Equal(Run, root.GetProperty("run_id").GetGuid());
        Assert.Equal("space", root.GetProperty("kind").GetString());
        Assert.True(root.GetProperty("completed").GetBoolean());
        var large = root.GetProperty("front")[1];
        Assert.Equal(Largest, large.GetProperty("candidate").GetString());
        Assert.Equal(12_367_600, large.GetProperty("macs").GetInt64());
        var value = large.GetProperty("values")[0];
        Assert.Equal(("classification", 0.75, "measured", "adapted subnet"),
            (value.GetProperty("name").GetString(), value.GetProperty("value").GetDouble(), value.GetProperty("source").GetString(), value.GetProperty("by").GetString()));
        Assert.Equal("exact", large.GetProperty("values")[1].GetProperty("source").GetString());
        Assert.Equal(Smallest, root.GetProperty("submitted").GetProperty("candidate").GetString());
    }

    [Fact]
    public void Path_json_names_the_kept_model_and_each_step_with_its_metrics()
    {
        using var json = JsonDocument.Parse(ResultJson.Result(Path()));
        var root = json.RootElement;

        Assert.Equal("onnx", root.GetProperty("kind").GetString());
        Assert.Equal(Hash('m'), root.GetProperty("kept_model_blob_hash").GetString());
        var steps = root.GetProperty("path");
        Assert.Equal(2, steps.GetArrayLength());
        Assert.Equal(800_000, steps[1].GetProperty("macs").GetInt64());
        Assert.Equal(1, steps[1].GetProperty("round").GetInt32());
        Assert.Equal(1, steps[1].GetProperty("metrics")[0].GetProperty("predictor_version").GetInt32());
    }

    [Fact]
    public void Path_table_gives_macs_against_the_submitted_network_with_right_aligned_numbers()
    {
        var lines = ResultText.Result(Path()).Split('\n');

        Assert.StartsWith("path of the mutation search: the submitted network, then 1 kept mutant (kept network last)", lines[0]);
        Assert.Matches(@"^step\s+round\s+network\s+mutation\s+macs\s+vs submitted\s+params\s+classification\s+from$", lines[1]);
        Assert.Matches(@"^\s+0\s+-\s+000000000000 \(submitted\)\s+-\s+1,000,000\s+0\.0%\s+5,000\s+0\.5000\s+predicted \(gnn-adapter v1\)$", lines[2]);
        Assert.Matches(@"^\s+1\s+1\s+111111111111 \(kept\)\s+not recorded\s+800,000\s+-20\.0%\s+4,500\s+0\.1250\s+predicted \(gnn-adapter v1\)$", lines[3]);
        Assert.Equal(lines[2].IndexOf("1,000,000", StringComparison.Ordinal) + 9, lines[3].IndexOf("800,000", StringComparison.Ordinal) + 7);
        Assert.Equal($"kept network's ONNX: blob {Hash('m')} (nasp blob get {Hash('m')} --out kept.onnx)", lines[4]);
    }

    [Fact]
    public void Front_table_has_a_row_per_member_and_says_where_each_metric_came_from()
    {
        var lines = ResultText.Result(Front()).Split('\n');

        Assert.Equal("final front: 2 members, objectives classification, macs", lines[0]);
        Assert.Matches(@"^candidate\s+macs\s+params\s+classification\s+from$", lines[1]);
        Assert.Matches($@"^{Smallest}\s+881,208\s+[\d,]+\s+0\.1000\s+predicted \(predictor v1\)$", lines[2]);
        Assert.Matches($@"^{Largest}\s+12,367,600\s+[\d,]+\s+0\.7500\s+measured \(adapted subnet\)$", lines[3]);
    }
}
