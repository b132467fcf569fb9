using JasperFx.Events;
using Marten.Events.Aggregation;
using NasPipeline.Contracts.Events;

namespace NasPipeline.Hosting.Projections;

/// <remarks>Submissions are folded null-safely: an invalid one is recorded before its rejection.</remarks>
public sealed class RunSummaryProjection : SingleStreamProjection<RunSummary, Guid>
{
    public static RunSummary Create(IEvent<ModelSubmitted> e) => new()
    {
        Id = e.Data.RunId,
        Status = RunStatus.Submitted,
        SubmittedAt = e.Data.SubmittedAt,
        LastEventAt = StoredTime.Of(e.Timestamp),
        Version = e.Version,
        Model = RunText.Model(e.Data),
        InputShapes = [.. e.Data.InputShapes ?? []],
        Tasks = [.. e.Data.Tasks ?? []],
        Objectives = [.. (e.Data.Objectives ?? []).Select(RunText.Objective)],
        Constraints = [.. (e.Data.Constraints ?? []).Select(RunText.Constraint)],
        Seed = e.Data.Seed,
        ParentRunId = e.Data.ParentRunId,
    };

    public static RunSummary Apply(IEvent<GraphExtracted> e, RunSummary s)
    {
        s.Status = RunStatus.GraphExtracted;
        s.GraphBlobHash = e.Data.GraphBlobHash;
        s.Nodes = e.Data.NodeCount;
        s.Edges = e.Data.EdgeCount;
        s.Macs = e.Data.Macs;
        s.Params = e.Data.Params;
        s.OpCounts = new Dictionary<string, int>(e.Data.OpCounts);
        s.Producer = e.Data.Producer;
        s.Opset = e.Data.Opset;
        return Touch(s, e);
    }

    public static RunSummary Apply(IEvent<SearchStarted> e, RunSummary s)
    {
        s.Budget = RunText.Budget(e.Data);
        return Touch(s, e);
    }

    public static RunSummary Apply(IEvent<SubmissionRejected> e, RunSummary s)
    {
        s.Status = RunStatus.Rejected;
        s.FailureStage = e.Data.Stage;
        s.FailureReason = e.Data.Reason;
        return Touch(s, e);
    }

    public static RunSummary Apply(IEvent<RunFailed> e, RunSummary s)
    {
        s.Status = RunStatus.Failed;
        s.FailureStage = e.Data.Stage;
        s.FailureReason = e.Data.Reason;
        return Touch(s, e);
    }

    public static RunSummary Apply(IEvent<AdapterTrained> e, RunSummary s)
    {
        s.AdaptersTrained++;
        s.Predictors[e.Data.Task] = RunText.Predictor(e.Data);
        return Touch(s, e);
    }

    public static RunSummary Apply(IEvent<CandidateScored> e, RunSummary s)
    {
        s.Status = s.Status.IsFinal() ? s.Status : RunStatus.Searching;
        s.CandidatesScored += e.Data.Scores.Count;
        return Touch(s, e);
    }

    public static RunSummary Apply(IEvent<GenerationCompleted> e, RunSummary s)
    {
        s.Status = s.Status.IsFinal() ? s.Status : RunStatus.Searching;
        s.Generations++;
        s.Hypervolume = e.Data.Hypervolume;
        s.FrontSize = e.Data.Front.Count;
        return Touch(s, e);
    }

    /// <summary>A mutation search's round counts as a generation; its front is the one current network.</summary>
    public static RunSummary Apply(IEvent<MutationRoundCompleted> e, RunSummary s)
    {
        s.Status = s.Status.IsFinal() ? s.Status : RunStatus.Searching;
        s.Generations++;
        s.FrontSize = 1;
        return Touch(s, e);
    }

    public static RunSummary Apply(IEvent<SupernetTrained> e, RunSummary s)
    {
        s.SupernetsTrained++;
        return Touch(s, e);
    }

    public static RunSummary Apply(IEvent<SubnetEvaluated> e, RunSummary s)
    {
        s.SubnetsEvaluated++;
        return Touch(s, e);
    }

    public static RunSummary Apply(IEvent<SubnetAdapted> e, RunSummary s)
    {
        s.Status = s.Status.IsFinal() ? s.Status : RunStatus.Adapting;
        s.SubnetsAdapted++;
        return Touch(s, e);
    }

    public static RunSummary Apply(IEvent<SearchCompleted> e, RunSummary s)
    {
        s.Status = RunStatus.Completed;
        s.FrontSize = e.Data.Front.Count;
        s.Infeasible = [.. e.Data.BestUnderConstraints.Where(b => b.Best is null).Select(RunText.Infeasible)];
        return Touch(s, e);
    }

    private static RunSummary Touch(RunSummary s, IEvent e)
    {
        s.LastEventAt = StoredTime.Of(e.Timestamp);
        s.Version = e.Version;
        return s;
    }
}
