using System.Globalization;
using NasPipeline.RunResults.Model;

namespace NasPipeline.RunResults.Rendering;

/// <summary>
/// The result as CSV, numbers written to round-trip exactly. Field names are stable (README of this project):
/// front <c>candidate,macs,params</c> then per metric <c>M,M_source,M_by</c>; path <c>step,round,candidate,mutation,macs,params,kept</c>
/// then per task the same three; candidates <c>candidate,generation,request_id,predictor_version</c>, one column per task, <c>uncertainty</c>.
/// </summary>
public static class ResultCsv
{
    public static string Result(RunResult result) => result.Kind == RunKind.Onnx ? Path(result) : Front(result);

    public static string Front(RunResult result)
    {
        var header = new List<string> { "candidate", "macs", "params" };
        header.AddRange(result.Metrics.SelectMany(ValueHeader));
        return CsvText.Of(header, result.Front.Select(row =>
            (IReadOnlyList<string>)[row.Candidate, Numbers.Whole(row.Macs), Numbers.Whole(row.Params), .. result.Metrics.SelectMany(m => ValueCells(row.Value(m)))]));
    }

    public static string Path(RunResult result)
    {
        var header = new List<string> { "step", "round", "candidate", "mutation", "macs", "params", "kept" };
        header.AddRange(result.Tasks.SelectMany(ValueHeader));
        return CsvText.Of(header, result.Path.Select(step => (IReadOnlyList<string>)
        [
            step.Step.ToString(CultureInfo.InvariantCulture), step.Round?.ToString(CultureInfo.InvariantCulture) ?? "", step.Candidate, step.Mutation ?? "",
            Numbers.Whole(step.Macs), Numbers.Whole(step.Params), (result.Completed && step == result.Path[^1]) ? "true" : "false",
            .. result.Tasks.SelectMany(t => ValueCells(step.Metric(t))),
        ]));
    }

    public static string Candidates(RunResult result)
    {
        var tasks = ResultText.ScoredTasks(result);
        var header = new List<string> { "candidate", "generation", "request_id", "predictor_version" };
        header.AddRange(tasks);
        header.Add("uncertainty");
        return CsvText.Of(header, result.Candidates.Select(c => (IReadOnlyList<string>)
        [
            c.Candidate, c.Generation.ToString(CultureInfo.InvariantCulture), c.RequestId.ToString(), c.PredictorVersion.ToString(CultureInfo.InvariantCulture),
            .. tasks.Select(t => c.Scores.TryGetValue(t, out var v) ? Numbers.Exact(v) : ""), Numbers.Exact(c.Uncertainty),
        ]));
    }

    private static IEnumerable<string> ValueHeader(string name) => [name, $"{name}_source", $"{name}_by"];

    private static IEnumerable<string> ValueCells(ResultValue? value) =>
        value is null ? ["", "", ""] : [Numbers.Exact(value.Value), Numbers.Source(value.Source), value.By ?? ""];
}
