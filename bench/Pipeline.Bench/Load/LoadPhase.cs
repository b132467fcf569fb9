using System.Diagnostics;
using System.Globalization;
using Marten;
using NasPipeline.Hosting.Projections;

namespace NasPipeline.Bench.Load;

/// <summary>One phase of a load run: submissions in bursts, then a wait until every run has a terminal status, with a
/// progress line (runs finished, queue depths) every ten seconds.</summary>
public sealed class LoadPhase(IDocumentStore store, LoadSubmitter submitter, LoadSubmissions submissions, QueueDepths queues, TextWriter log)
{
    public async Task<(IReadOnlyList<Guid> Runs, TimeSpan Elapsed, bool TimedOut)> RunAsync(
        string name, int firstIndex, int count, int burstSize, TimeSpan burstGap, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var runs = new List<Guid>();
        var clock = Stopwatch.StartNew();
        var submitting = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                if (i > 0 && i % burstSize == 0)
                {
                    await Task.Delay(burstGap, cancellationToken);
                }

                var submission = submissions.Create(firstIndex + i);
                await submitter.SubmitAsync(submission, cancellationToken);
                lock (runs)
                {
                    runs.Add(submission.RunId);
                }
            }
        }, cancellationToken);

        var printed = TimeSpan.Zero;
        while (true)
        {
            // Polled every 2 s (the phase's end, hence its runs per minute, is known to 2 s), printed every 10 s.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            if (submitting.IsFaulted)
            {
                await submitting;
            }

            List<Guid> known;
            lock (runs)
            {
                known = [.. runs];
            }

            var finished = await FinishedAsync(known, cancellationToken);
            var depths = await DepthsAsync(cancellationToken);
            if (clock.Elapsed - printed >= TimeSpan.FromSeconds(10) || finished == count)
            {
                printed = clock.Elapsed;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[load] {name} {clock.Elapsed:hh\\:mm\\:ss}: submitted {known.Count}/{count}, finished {finished?.ToString(CultureInfo.InvariantCulture) ?? "?"}; queues {depths}"));
            }
            if (submitting.IsCompletedSuccessfully && finished == count)
            {
                return (known, clock.Elapsed, false);
            }

            if (clock.Elapsed > timeout)
            {
                return (known, clock.Elapsed, true);
            }
        }
    }

    /// <summary>Runs with a terminal status; null while PostgreSQL is down.</summary>
    private async Task<int?> FinishedAsync(List<Guid> runs, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.QuerySession();
            var statuses = await session.Query<RunSummary>().Where(r => runs.Contains(r.Id)).Select(r => r.Status).ToListAsync(cancellationToken);
            return statuses.Count(s => s is RunStatus.Completed or RunStatus.Failed or RunStatus.Rejected);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<string> DepthsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var depths = await queues.ReadAsync(cancellationToken);
            return string.Join(", ", depths.Where(d => d.Value.Messages > 0).Select(d => $"{d.Key.Replace("nasp-", "", StringComparison.Ordinal)} {d.Value.Messages}")) is { Length: > 0 } text ? text : "empty";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return "(broker unreachable)";
        }
    }
}
