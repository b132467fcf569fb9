using System.Globalization;

namespace NasPipeline.Bench.Load;

/// <summary>A load run's figures and audits, printed as markdown and written to bench/results/load.json.</summary>
public sealed record LoadReport(
    LoadBenchOptions Options,
    double BaselineRunsPerMinute,
    double RunsPerMinute,
    TimeSpan Elapsed,
    bool TimedOut,
    int Kills,
    int ServerRestarts,
    int SubmitRetries,
    long ErrorQueueMessages,
    IReadOnlyDictionary<string, long> LargestQueueDepths,
    RunAuditResult Baseline,
    RunAuditResult UnderFaults)
{
    public bool Clean => !TimedOut && Baseline.Unfinished + UnderFaults.Unfinished == 0 && Baseline.DuplicatedEvents + UnderFaults.DuplicatedEvents == 0
                         && Baseline.RedriveMismatches + UnderFaults.RedriveMismatches == 0;

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"## Load and faults: {Options.Submissions:N0} submissions in bursts of {Options.BurstSize}, {Options.Replicas} processes per stage, {Environment.ProcessorCount} cores"));
        output.WriteLine();
        output.WriteLine("| | no faults (baseline, same run) | under faults |");
        output.WriteLine("|---|---:|---:|");
        output.WriteLine(string.Create(c, $"| runs | {Baseline.Runs:N0} | {UnderFaults.Runs:N0} |"));
        output.WriteLine(string.Create(c, $"| runs per minute | {BaselineRunsPerMinute:F1} | {RunsPerMinute:F1} (ratio {RunsPerMinute / BaselineRunsPerMinute:F2}) |"));
        output.WriteLine(string.Create(c, $"| completed / failed / rejected | {Baseline.Completed} / {Baseline.Failed} / {Baseline.Rejected} | {UnderFaults.Completed} / {UnderFaults.Failed} / {UnderFaults.Rejected} |"));
        output.WriteLine(string.Create(c, $"| unfinished (events lost) | {Baseline.Unfinished} | {UnderFaults.Unfinished} |"));
        output.WriteLine(string.Create(c, $"| events recorded twice | {Baseline.DuplicatedEvents} | {UnderFaults.DuplicatedEvents} |"));
        output.WriteLine(string.Create(c, $"| decisions re-driven differently | {Baseline.RedriveMismatches} | {UnderFaults.RedriveMismatches} |"));
        output.WriteLine(string.Create(c, $"| events | {Baseline.Events:N0} | {UnderFaults.Events:N0} |"));
        output.WriteLine();
        output.WriteLine(string.Create(c, $"Faults: {Kills} stage processes killed (SIGKILL), {ServerRestarts} server restarts (RabbitMQ and PostgreSQL in turn, {Options.ServerDownSeconds} s down each), {SubmitRetries} submission retries; {Elapsed:hh\\:mm\\:ss} under faults{(TimedOut ? " (TIMED OUT)" : "")}; {ErrorQueueMessages} messages in _error queues."));
        output.WriteLine("Largest queue depths: " + string.Join(", ", LargestQueueDepths.Where(q => q.Value > 0).Select(q => $"{q.Key} {q.Value}")));
        foreach (var (reason, count) in Baseline.FailureReasons.Concat(UnderFaults.FailureReasons))
        {
            output.WriteLine($"Failed x{count}: {reason}");
        }

        foreach (var problem in Baseline.Problems.Concat(UnderFaults.Problems).Take(20))
        {
            output.WriteLine($"PROBLEM {problem}");
        }
    }
}
