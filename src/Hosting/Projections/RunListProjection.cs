using JasperFx.Events;
using Marten.Events.Aggregation;
using NasPipeline.Contracts.Events;

namespace NasPipeline.Hosting.Projections;

public sealed class RunListProjection : SingleStreamProjection<RunListEntry, Guid>
{
    public static RunListEntry Create(IEvent<ModelSubmitted> e) => new()
    {
        Id = e.Data.RunId,
        SubmittedAt = e.Data.SubmittedAt,
        LastEventAt = StoredTime.Of(e.Timestamp),
        Status = RunStatus.Submitted,
        Model = RunText.Model(e.Data),
        Tasks = string.Join(",", e.Data.Tasks ?? []),
    };

    public static RunListEntry Apply(IEvent<GraphExtracted> e, RunListEntry r) =>
        Touch(r, e, RunStatus.GraphExtracted, macs: e.Data.Macs);

    public static RunListEntry Apply(IEvent<SubmissionRejected> e, RunListEntry r) => Touch(r, e, RunStatus.Rejected);

    public static RunListEntry Apply(IEvent<RunFailed> e, RunListEntry r) => Touch(r, e, RunStatus.Failed);

    public static RunListEntry Apply(IEvent<GenerationCompleted> e, RunListEntry r) => Touch(r, e, RunStatus.Searching);

    public static RunListEntry Apply(IEvent<MutationRoundCompleted> e, RunListEntry r) => Touch(r, e, RunStatus.Searching);

    public static RunListEntry Apply(IEvent<SearchCompleted> e, RunListEntry r) => Touch(r, e, RunStatus.Completed);

    private static RunListEntry Touch(RunListEntry r, IEvent e, RunStatus status, long? macs = null)
    {
        r.LastEventAt = StoredTime.Of(e.Timestamp);
        r.Status = r.Status.IsFinal() && !status.IsFinal() ? r.Status : status;
        r.Macs = macs ?? r.Macs;
        return r;
    }
}
