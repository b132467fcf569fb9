using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Loop;

/// <summary>
/// Which measured network a run with <c>--max-drop</c> returns. The predictor proposed the path; the measurements decide
/// how far along it to go: the cheapest network whose measured metric is within the allowed drop of the original's on
/// every task. A task's direction is the submission's objective on it (maximised when it has none).
/// </summary>
public static class MeasuredSelection
{
    // A drop equal to the allowance counts as within it, whatever the last bit of the subtraction says.
    private const double Slack = 1e-9;

    /// <summary>The choice, or null when the submission set no <c>--max-drop</c> (the path's end is the run's model).</summary>
    public static MeasuredChoice? Choose(ModelSubmitted submission, IReadOnlyList<NetworkMeasurement> measured)
    {
        if (submission.MaxDrop is not { } maxDrop)
        {
            return null;
        }

        var original = measured.Single(m => m.Step == 0);
        var chosen = measured.Where(m => submission.Tasks.All(t => Drop(submission, t, original, m) <= maxDrop + Slack))
            .OrderBy(m => m.Macs).ThenBy(m => m.Step).FirstOrDefault() ?? original;
        return new MeasuredChoice(maxDrop, chosen.Step);
    }

    /// <summary>How much worse <paramref name="network"/> measured than <paramref name="original"/> on the task, in the
    /// task's units (negative when better); infinite when either has no measurement for it.</summary>
    public static double Drop(ModelSubmitted submission, string task, NetworkMeasurement original, NetworkMeasurement network)
    {
        if (!original.Measured.TryGetValue(task, out var before) || !network.Measured.TryGetValue(task, out var after))
        {
            return double.PositiveInfinity;
        }

        var minimised = submission.Objectives.Any(o => o.Name == task && o.Direction == ObjectiveDirection.Minimize);
        return minimised ? after - before : before - after;
    }
}
