using System.Text.Json;
using System.Text.Json.Nodes;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Json;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Bench.Load;

/// <summary>What the event store holds for a load run's runs, checked one by one: finished (completed, or failed with a
/// reason), no event recorded twice, and every search decision re-driven from the stream to the same result (a lost
/// event would leave the run unfinished or its decisions different).</summary>
public sealed record RunAuditResult(
    int Runs,
    int Completed,
    int Failed,
    int Rejected,
    int Unfinished,
    int DuplicatedEvents,
    int RedriveMismatches,
    long Events,
    IReadOnlyDictionary<string, int> FailureReasons,
    IReadOnlyList<string> Problems);

public sealed class RunAudit(RunReader reader, IBlobStore blobs, SearchSpaceRegistry spaces)
{
    private readonly Dictionary<string, byte[]> _onnx = new(StringComparer.Ordinal);

    public async Task<RunAuditResult> CheckAsync(IReadOnlyList<Guid> runs, CancellationToken cancellationToken)
    {
        int completed = 0, failed = 0, rejected = 0, unfinished = 0, duplicated = 0, mismatches = 0;
        long events = 0;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var runId in runs)
        {
            var stream = (await reader.EventsAsync(runId, cancellationToken: cancellationToken)).Select(e => e.Data).ToList();
            events += stream.Count;
            var terminal = stream.Where(TerminalEvents.Ends).ToList();
            switch (terminal.FirstOrDefault())
            {
                case SearchCompleted:
                    completed++;
                    break;
                case RunFailed f:
                    failed++;
                    var reason = $"{f.Stage}: {f.Reason.Split('\n')[0]}";
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                    break;
                case SubmissionRejected:
                    rejected++;
                    break;
                default:
                    unfinished++;
                    problems.Add($"{runId}: unfinished after {stream.Count} events, the last {stream.LastOrDefault()?.GetType().Name}");
                    break;
            }

            if (terminal.Count > 1)
            {
                problems.Add($"{runId}: {terminal.Count} terminal events");
            }

            var twice = Duplicates(stream);
            duplicated += twice.Count;
            problems.AddRange(twice.Select(t => $"{runId}: recorded twice: {t}"));
            if (terminal.FirstOrDefault() is SearchCompleted && stream.FirstOrDefault() is ModelSubmitted submission)
            {
                var onnx = submission.Onnx is { } model ? await OnnxAsync(model.BlobHash, cancellationToken) : null;
                var redrive = SearchRedrive.Check(stream, spaces, onnx);
                if (!redrive.Identical)
                {
                    mismatches++;
                    problems.Add($"{runId}: decision {redrive.FirstMismatch} re-drives differently");
                }
            }
        }

        return new RunAuditResult(runs.Count, completed, failed, rejected, unfinished, duplicated, mismatches, events, reasons, problems);
    }

    /// <summary>Events equal to an earlier one of the same stream, ignoring when each was recorded (properties named
    /// ...At): what a redelivered message decided twice would leave.</summary>
    public static IReadOnlyList<string> Duplicates(IEnumerable<object> stream)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var twice = new List<string>();
        foreach (var e in stream)
        {
            var node = JsonSerializer.SerializeToNode(e, e.GetType(), OutputJson.Options) as JsonObject;
            foreach (var name in node?.Select(p => p.Key).Where(k => k.EndsWith("At", StringComparison.OrdinalIgnoreCase)).ToList() ?? [])
            {
                node!.Remove(name);
            }

            if (!seen.Add($"{e.GetType().Name}:{node?.ToJsonString()}"))
            {
                twice.Add(e.GetType().Name);
            }
        }

        return twice;
    }

    private async Task<byte[]> OnnxAsync(string hash, CancellationToken cancellationToken)
    {
        if (!_onnx.TryGetValue(hash, out var bytes))
        {
            bytes = await blobs.GetAsync(hash, cancellationToken) ?? throw new InvalidOperationException($"blob {hash} is missing");
            _onnx[hash] = bytes;
        }

        return bytes;
    }
}
