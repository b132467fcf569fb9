using System.Text.Json;
using System.Text.Json.Nodes;
using NasPipeline.Contracts.Events;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Search.Loop;

/// <summary>How a re-driven run compares with its recording: the number of decisions checked and the first one
/// that differs (recorded and re-driven, as JSON), if any.</summary>
public sealed record RedriveReport(int Decisions, int? FirstMismatch, string? Recorded, string? Redriven)
{
    public bool Identical => FirstMismatch is null;
}

/// <summary>
/// <c>replay --redrive</c>: feeds a recorded run's inputs (submission, graph, scores, measurements) back through
/// <see cref="NatSearchDecider"/> or <see cref="MutationSearchDecider"/> in their recorded order, with the budget its <c>SearchStarted</c> recorded, and
/// checks that every decision (SearchStarted, ScoreCandidates, GenerationCompleted, AdaptSubnet,
/// MutantsProposed, MutationRoundCompleted, SearchCompleted) comes out identical and in the same order.
/// </summary>
public static class SearchRedrive
{
    /// <param name="onnx">The submitted network, for a mutation-search run (its decisions depend on the model itself).</param>
    public static RedriveReport Check(IReadOnlyList<object> recorded, SearchSpaceRegistry spaces, byte[]? onnx = null)
    {
        var started = recorded.OfType<SearchStarted>().FirstOrDefault();
        var settings = started is null ? new SearchSettings() : SearchSettings.Of(started);
        var points = new NatSearchDecider(spaces, settings);
        var mutation = new MutationSearchDecider(settings);
        var fna = recorded.OfType<ModelSubmitted>().FirstOrDefault()?.Fna is not null;
        Func<RunState, IReadOnlyList<Contracts.IRunMessage>> decide = fna ? new FnaSearchDecider().Decide
            : onnx is null ? points.Decide
            : s => mutation.Decide(s, onnx).Messages;
        var decisions = recorded.Where(NatSearchDecider.IsDecision).Select(d => Upcast(d, started)).ToList();
        var state = RunState.Empty;
        var redriven = new List<object>();
        foreach (var input in recorded.Where(e => !NatSearchDecider.IsDecision(e)))
        {
            state = state.Evolve(input);
            foreach (var decision in decide(state))
            {
                state = state.Evolve(decision);
                redriven.Add(decision);
            }
        }

        redriven = AsRecorded(redriven, decisions);
        for (var i = 0; i < Math.Max(decisions.Count, redriven.Count); i++)
        {
            var a = i < decisions.Count ? Json(decisions[i]) : null;
            var b = i < redriven.Count ? Json(redriven[i]) : null;
            if (a != b)
            {
                return new RedriveReport(decisions.Count, i, a, b);
            }
        }

        return new RedriveReport(decisions.Count, null, null, null);
    }

    /// <summary>An older mutation run reported its rounds as one-member generations: read them as rounds.</summary>
    private static object Upcast(object decision, SearchStarted? started) =>
        decision is GenerationCompleted g && started?.Space == MutationSearchDecider.SpaceName ? RunState.UpcastRound(g) : decision;

    /// <summary>What the redriven decisions would have recorded when the run was recorded: a stream written before the
    /// search kept its state in its events has no populations, proposals or kept edits to compare.</summary>
    private static List<object> AsRecorded(List<object> redriven, List<object> recorded)
    {
        var withPopulations = recorded.OfType<GenerationCompleted>().Any(g => g.Selected is not null) || !recorded.OfType<GenerationCompleted>().Any();
        var withProposals = recorded.OfType<MutantsProposed>().Any() || !recorded.OfType<MutationRoundCompleted>().Any();
        return redriven.Where(d => withProposals || d is not MutantsProposed).Select(d => d switch
        {
            GenerationCompleted g when !withPopulations => g with { Selected = null },
            MutationRoundCompleted r when !withProposals => r with { Kept = null },
            _ => d,
        }).ToList();
    }
    /// <summary>JSON with object keys sorted: the event store (jsonb) does not keep a dictionary's key order.</summary>
    private static string Json(object e) => $"{e.GetType().Name} {Sorted(JsonSerializer.SerializeToNode(e, e.GetType()))?.ToJsonString()}";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
