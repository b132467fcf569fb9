using System.Globalization;
using System.Text;
using NasPipeline.Contracts.Events;
using NasPipeline.RunResults.Model;

namespace NasPipeline.RunResults.Rendering;

/// <summary>The result as fixed-width tables for a terminal: the front of a space run, the path of an ONNX run, the scores.</summary>
public static class ResultText
{
    /// <summary>What `show RUN --front` prints: the front of a space run, the path of an ONNX run.</summary>
    public static string Result(RunResult result) =>
        (result.Failure is null ? "" : $"the run {result.Failure}\n") + (result.Kind == RunKind.Onnx ? Path(result) : Front(result));

    public static string Front(RunResult result)
    {
        var text = new StringBuilder();
        if (result.Front.Count == 0)
        {
            return "no front yet (no generation completed)\n";
        }

        var which = result.Completed
            ? "final front"
            : $"front of generation {result.Generations[^1].Generation} (iteration {result.Generations[^1].Iteration}; the search has not completed)";

        text.Append(CultureInfo.InvariantCulture, $"{which}: {result.Front.Count} members, objectives {string.Join(", ", result.Objectives)}\n");

        var headers = new List<string> { "candidate", "macs", "params" };
        foreach (var metric in result.Metrics)
        {
            headers.AddRange([metric, "from"]);
        }

        var table = new TextTable(headers, headers.Select((h, j) => j is 1 or 2 || (j > 2 && (j - 3) % 2 == 0)).ToList());
        // Cheapest first, so the table reads as the trade-off it is; CSV and JSON keep the event's order.
        foreach (var row in result.Front.OrderBy(r => r.Macs ?? long.MaxValue).ThenBy(r => r.Candidate, StringComparer.Ordinal))
        {
            var cells = new List<string> { row.Candidate, Numbers.Count(row.Macs), Numbers.Count(row.Params) };
            foreach (var metric in result.Metrics)
            {
                cells.AddRange(row.Value(metric) is { } v ? [Numbers.Metric(v.Value), Numbers.From(v)] : ["", ""]);
            }

            table.Add(cells);
        }

        text.Append(table);
        if (result.Submitted is { } submitted)
        {
            var metrics = string.Concat(submitted.Values.Select(v => $", {v.Name} {Numbers.Metric(v.Value)} {Numbers.From(v)}"));
            text.Append(CultureInfo.InvariantCulture, $"submitted {submitted.Candidate}: macs {Numbers.Count(submitted.Macs)}, params {Numbers.Count(submitted.Params)}{metrics}\n");
        }

        return text.ToString();
    }

    public static string Path(RunResult result)
    {
        var text = new StringBuilder();
        var steps = result.Path;
        if (steps.Count == 0)
        {
            return "no path yet (the submitted network's graph is not extracted)\n";
        }

        var state = result.Completed ? "kept network last" : "the search has not completed; current network last";
        var kept = steps.Count - 1;
        text.Append(result.FnaDerived is null
            ? string.Create(CultureInfo.InvariantCulture, $"path of the mutation search: the submitted network, then {kept} kept mutant{(kept == 1 ? "" : "s")} ({state})\n")
            : $"FNA: the submitted network, then the network derived from it by architecture adaptation, its parameters remapped from the submitted one ({state})\n");
        var headers = new List<string> { "step", "round", "network", "mutation", "macs", "vs submitted", "params" };
        foreach (var task in result.Tasks)
        {
            headers.AddRange([task, "from"]);
        }

        var table = new TextTable(headers, headers.Select((h, j) => j is 0 or 1 or 4 or 5 or 6 || (j > 6 && (j - 7) % 2 == 0)).ToList());
        foreach (var step in steps)
        {
            var cells = new List<string>
            {
                step.Step.ToString(CultureInfo.InvariantCulture),
                step.Round?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Numbers.Short(step.Candidate) + (step.Step == 0 ? " (submitted)" : step == steps[^1] && result.Completed ? " (kept)" : ""),
                step.Mutation ?? (step.Step == 0 ? "-" : "not recorded"),
                Numbers.Count(step.Macs),
                steps[0].Macs > 0 ? ((double)step.Macs / steps[0].Macs - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) : "",
                Numbers.Count(step.Params),
            };
            foreach (var task in result.Tasks)
            {
                cells.AddRange(step.Metric(task) is { } v ? [Numbers.Metric(v.Value), Numbers.From(v)] : ["", ""]);
            }

            table.Add(cells);
        }

        text.Append(table);
        if (result.Measured is { } measured)
        {
            text.Append(Measured(result.Tasks, measured));
        }

        if (result.KeptModelBlobHash is { } blob)
        {
            var what = result.Measured switch
            {
                null => "kept network's ONNX",
                { Choice: not null } => "chosen network's ONNX, fine-tuned",
                _ => "kept network's ONNX, fine-tuned",
            };
            text.Append(CultureInfo.InvariantCulture, $"{what}: blob {blob} (nasp blob get {blob} --out kept.onnx)\n");
        }

        return text.ToString();
    }

    /// <summary>The submitted and the kept network as the Adapt stage measured them, the predictor's guess beside.</summary>
    public static string Measured(IReadOnlyList<string> tasks, MeasuredNetworks measured)
    {
        var text = new StringBuilder("measured: each network fine-tuned on the run's tasks from its own weights (same data, steps and seed), on the validation split\n");
        var headers = new List<string> { "network", "step", "macs", "params" };
        foreach (var task in tasks)
        {
            headers.AddRange([task, "predicted"]);
        }

        var table = new TextTable(headers, headers.Select((_, j) => j > 0).ToList());
        var rows = new[] { ("original", measured.Original) }
            .Concat((measured.Between ?? []).Select(n => ("between", n)))
            .Append(("kept", measured.Kept));
        foreach (var (name, network) in rows)
        {
            var cells = new List<string> { name, network.Step.ToString(CultureInfo.InvariantCulture), Numbers.Count(network.Macs), Numbers.Count(network.Params) };
            foreach (var task in tasks)
            {
                cells.Add(network.Measured.TryGetValue(task, out var value) ? Numbers.Metric(value) : "");
                cells.Add(network.Predicted.TryGetValue(task, out var guess) ? Numbers.Metric(guess) : "");
            }

            table.Add(cells);
        }

        text.Append(table);
        text.Append(CultureInfo.InvariantCulture, $"kept vs original, measured: {AgainstOriginal(tasks, measured.Original, measured.Kept)}\n");
        if (measured.Choice is { } choice)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"chosen by measurement (the cheapest at most {choice.MaxDrop:0.####} below the original on every task): step {choice.Step}, {AgainstOriginal(tasks, measured.Original, measured.Returned())}\n");
        }

        return text.ToString();
    }

    /// <summary>"37.0% fewer MACs; classification -0.0784": a measured network against the measured original.</summary>
    private static string AgainstOriginal(IReadOnlyList<string> tasks, NetworkMeasurement original, NetworkMeasurement network)
    {
        var changes = tasks.Where(t => original.Measured.ContainsKey(t) && network.Measured.ContainsKey(t))
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t} {network.Measured[t] - original.Measured[t]:+0.0000;-0.0000;0.0000}"));
        var macs = original.Macs > 0 ? 1.0 - (double)network.Macs / original.Macs : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{macs:0.0%} fewer MACs; {string.Join(", ", changes)}");
    }

    /// <summary>What `candidates RUN` prints: every score, in the order the predictor gave them.</summary>
    public static string Candidates(RunResult result)
    {
        var tasks = ScoredTasks(result);
        var headers = new List<string> { "candidate", "generation", "version" };
        headers.AddRange(tasks);
        headers.Add("uncertainty");
        var table = new TextTable(headers, headers.Select((_, j) => j > 0).ToList());
        foreach (var c in result.Candidates)
        {
            var cells = new List<string> { Numbers.Short(c.Candidate), c.Generation.ToString(CultureInfo.InvariantCulture), $"v{c.PredictorVersion}" };
            cells.AddRange(tasks.Select(t => c.Scores.TryGetValue(t, out var v) ? Numbers.Metric(v) : ""));
            cells.Add(Numbers.Metric(c.Uncertainty));
            table.Add(cells);
        }

        var distinct = result.Candidates.Select(c => c.Candidate).Distinct(StringComparer.Ordinal).Count();
        return $"{result.Candidates.Count} scores of {distinct} candidates\n{table}";
    }

    /// <summary>The tasks the scores hold, the submission's first, in its order.</summary>
    public static IReadOnlyList<string> ScoredTasks(RunResult result) =>
        result.Tasks.Concat(result.Candidates.SelectMany(c => c.Scores.Keys)).Distinct(StringComparer.Ordinal)
            .Where(t => result.Candidates.Any(c => c.Scores.ContainsKey(t))).ToList();
}
