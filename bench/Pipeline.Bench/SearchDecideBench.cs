using System.Globalization;
using System.Text.Json;
using NasPipeline.Contracts.Json;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Bench;

/// <summary>
/// What the Search stage spends deciding on one message, late in a run of G generations: <c>decide</c> is the decider
/// taking its one step from the folded state (what the stage does now); <c>fold</c> brings the state the writer kept
/// from its last decision up to date with the events since (the message itself); <c>cold fold</c> folds the whole
/// stream, as after a restart; the baseline, <c>replay</c>, re-derives every decision from generation 0 out of the run's
/// inputs (what the stage did on every message before the state kept NSGA-III's population). A made-up predictor answers;
/// population 40 (the stage's default), mbv3-28, the last 5 scored messages of each run, the median of their medians
/// (7 timings each for decide, 5 for the folds, 3 for the replay).
/// </summary>
public static class SearchDecideBench
{
    private const string Task = "classification";
    private static readonly Guid RunId = Guid.Parse("9a7c1f0e-3b2d-4e5f-8a6b-0c1d2e3f4a5b");

    public sealed record Figures(int Generations, int Messages, double DecideMs, double FoldMs, double ColdFoldMs, double ReplayMs);

    /// <summary>One run at 10 generations first, untimed, so the JIT's first compilations land in none of the figures.</summary>
    public static IReadOnlyList<Figures> Measure(IReadOnlyList<int> generations)
    {
        MeasureAt(10);
        return generations.Select(MeasureAt).ToList();
    }

    public static BenchTable Table(IReadOnlyList<Figures> figures)
    {
        var table = new BenchTable("Search stage: time to decide on one message, late in a run (population 40, mbv3-28)");
        foreach (var f in figures)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{f.Generations} generations ({f.Messages} messages)");
            table.Add(new BenchRow("search-decide", name, "decide, per message", f.DecideMs, "ms", "replay from generation 0", f.ReplayMs));
            table.Add(new BenchRow("search-decide", name, "fold the events since the last decision", f.FoldMs, "ms", "replay from generation 0", f.ReplayMs));
            table.Add(new BenchRow("search-decide", name, "cold fold of the whole stream (after a restart)", f.ColdFoldMs, "ms", "replay from generation 0", f.ReplayMs));
        }

        return table;
    }

    public static string Json(IReadOnlyList<Figures> figures)
    {
        var at = figures.ToDictionary(f => f.Generations);
        var fields = new Dictionary<string, object>
        {
            ["population"] = 40,
            ["runs"] = figures.Select(f => new Dictionary<string, object>
            {
                ["generations"] = f.Generations, ["messages"] = f.Messages, ["decide_ms"] = f.DecideMs, ["fold_ms"] = f.FoldMs, ["cold_fold_ms"] = f.ColdFoldMs,
                ["replay_from_zero_ms"] = f.ReplayMs,
            }).ToList(),
        };
        foreach (var g in new[] { 10, 320 }.Where(at.ContainsKey))
        {
            fields[$"per_message_ms_at_{g}"] = at[g].DecideMs;
            fields[$"fold_ms_at_{g}"] = at[g].FoldMs;
            fields[$"cold_fold_ms_at_{g}"] = at[g].ColdFoldMs;
            fields[$"replay_from_zero_ms_at_{g}"] = at[g].ReplayMs;
        }

        return JsonSerializer.Serialize(fields, OutputJson.Options);
    }

    private static Figures MeasureAt(int generations)
    {
        var spaces = SearchSpaceRegistry.CreateDefault();
        var decider = new NatSearchDecider(spaces, new SearchSettings(Population: 40, Generations: generations, InitialSamples: 30));
        var stream = Drive(decider, spaces.Get("mbv3-28"));
        var arrivals = Enumerable.Range(0, stream.Count).Where(i => stream[i] is CandidateScored).ToList();
        var late = arrivals.TakeLast(5).ToList();
        var decide = new List<double>();
        var fold = new List<double>();
        var cold = new List<double>();
        var replay = new List<double>();
        foreach (var at in late)
        {
            var prefix = stream.Take(at + 1).ToList();
            var state = RunState.Fold(prefix);
            decide.Add(Timing.MedianMilliseconds(() => decider.Decide(state), warmup: 2, repeats: 7));
            var before = RunState.Fold(stream.Take(at));
            fold.Add(Timing.MedianMilliseconds(() => before.Evolve(stream[at]), warmup: 1, repeats: 5));
            cold.Add(Timing.MedianMilliseconds(() => RunState.Fold(prefix), warmup: 1, repeats: 5));
            var inputs = RunState.Fold(prefix.Where(e => !NatSearchDecider.IsDecision(e)));
            replay.Add(Timing.MedianMilliseconds(() => decider.Decide(inputs), warmup: 0, repeats: 3));
        }

        return new Figures(generations, arrivals.Count, Median(decide), Median(fold), Median(cold), Median(replay));
    }

    /// <summary>A whole run, decided message by message as the stage would, a made-up predictor answering at once.</summary>
    private static List<object> Drive(NatSearchDecider decider, ISearchSpace space)
    {
        var point = space.Repair(space.Largest.Select((g, i) => i % 2 == 0 ? g : 0).ToArray());
        var stream = new List<object>
        {
            new ModelSubmitted(RunId, DateTimeOffset.UnixEpoch, null, new SearchSpacePoint(space.Name, point), [], [Task],
                [new Objective(Task, ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)], [], 1),
            new GraphExtracted(RunId, "bench", 1, 0, space.Cost(point).Macs, space.Cost(point).Params, new Dictionary<string, int>(), "bench", 8, 17, 0),
        };
        var state = RunState.Fold(stream);
        while (true)
        {
            var decided = decider.Decide(state);
            if (decided.Count == 0)
            {
                return stream;
            }

            var answers = decided.OfType<ScoreCandidates>().Select(r => (object)new CandidateScored(r.RunId, r.RequestId, r.Generation, 1,
                r.Candidates.Select(c => new CandidateScore(c, new Dictionary<string, double> { [Task] = Metric(c.Name) }, 0)).ToList())).ToList();
            foreach (var e in decided.Cast<object>().Concat(answers))
            {
                stream.Add(e);
                state = state.Evolve(e);
            }

            if (decided.OfType<SearchCompleted>().Any())
            {
                return stream;
            }
        }
    }

    private static double Metric(string candidate)
    {
        var genes = CandidateCodec.Genes(candidate);
        return 1.0 - Math.Exp(-genes.Select((g, i) => g * (1.0 + (i % 3))).Sum() / 20.0);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
