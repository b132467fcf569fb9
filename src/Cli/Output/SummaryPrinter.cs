using System.Globalization;
using NasPipeline.Hosting.Projections;

namespace NasPipeline.Cli.Output;

public static class SummaryPrinter
{
    public static void Print(RunSummary s, TextWriter output)
    {
        void Line(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                output.WriteLine($"{label,-12}{value}");
            }
        }

        Line("run", s.Id.ToString());
        Line("status", RunText.Status(s));
        Line("forked from", s.ParentRunId?.ToString());
        Line("submitted", s.SubmittedAt.ToString("u", CultureInfo.InvariantCulture));
        Line("model", s.Model);
        Line("input", string.Join(" ", s.InputShapes));
        Line("tasks", string.Join(", ", s.Tasks));
        Line("objectives", string.Join(", ", s.Objectives));
        Line("constraints", string.Join(", ", s.Constraints));
        Line("seed", s.Seed.ToString(CultureInfo.InvariantCulture));
        Line("budget", s.Budget);
        if (s.Macs is { } macs)
        {
            Line("graph", $"{s.Nodes} nodes, {s.Edges} edges, {s.GraphBlobHash?[..12]} in the blob store");
            Line("macs", $"{Units.Si(macs)} ({macs.ToString("N0", CultureInfo.InvariantCulture)})");
            Line("params", $"{Units.Si(s.Params ?? 0)} ({(s.Params ?? 0).ToString("N0", CultureInfo.InvariantCulture)})");
            Line("producer", $"{s.Producer}, opset {s.Opset}");
            Line("ops", string.Join(", ", s.OpCounts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(8).Select(kv => $"{kv.Key} {kv.Value}")));
        }

        if (s.Generations > 0 || s.CandidatesScored > 0)
        {
            // A mutation search keeps one current network a round: no front to measure a hypervolume of.
            Line("search", s.Model.StartsWith("onnx:", StringComparison.Ordinal)
                ? $"{s.Generations} rounds of the mutation search, {s.CandidatesScored} candidates scored"
                : $"{s.Generations} generations, {s.CandidatesScored} candidates scored, front of {s.FrontSize}"
                  + (s.Hypervolume is { } hypervolume ? string.Create(CultureInfo.InvariantCulture, $", hypervolume {hypervolume:G4}") : ""));
        }

        foreach (var (task, predictor) in s.Predictors.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Line("predictor", $"{task}: {predictor}");
        }

        if (s.AdaptersTrained > 0 || s.SubnetsAdapted > 0)
        {
            Line("learning", $"{s.AdaptersTrained} predictor updates, {s.SubnetsAdapted} subnets adapted");
        }

        if (s.SupernetsTrained > 0 || s.SubnetsEvaluated > 0)
        {
            Line("supernet", $"{s.SupernetsTrained} supernets trained, {s.SubnetsEvaluated} subnets evaluated");
        }

        if (s.FailureReason is not null)
        {
            Line(s.Status == RunStatus.Rejected ? "rejected" : "failed", $"[{s.FailureStage}] {s.FailureReason}");
        }

        Line("events", $"{s.Version} (last at {s.LastEventAt.ToString("u", CultureInfo.InvariantCulture)})");
    }
}
