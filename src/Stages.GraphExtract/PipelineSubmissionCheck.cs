using Marten;
using NasPipeline.Prediction.Registry;
using NasPipeline.SearchSpaces;
using NasPipeline.SubmissionChecks;
using NasPipeline.Vision.Tasks;
using NasPipeline.Prediction.Store;

namespace NasPipeline.Stages.GraphExtract;

/// <summary>
/// The submission check as this pipeline runs it: the built-in tasks are the vision task registry's (the five and any
/// plug-in's, <c>Tasks__Plugins</c>), a task with a
/// predictor registered for it (<c>nasp predictor train --for TASK</c>) is known too, and the stage capabilities are
/// <see cref="StageCapabilities.Current"/>. The GraphExtract stage checks every submission with it; so can any client
/// before publishing: <c>await PipelineSubmissionCheck.Create(store, tasks).RefusalAsync(draft)</c>.
/// </summary>
public static class PipelineSubmissionCheck
{
    public static SubmissionCheck Create(IDocumentStore store, TaskRegistry tasks, SearchSpaceRegistry? spaces = null) =>
        new(spaces ?? SearchSpaceRegistry.CreateDefault(), Tasks(store, tasks), StageCapabilities.Current);

    public static KnownTasks Tasks(IDocumentStore store, TaskRegistry tasks)
    {
        var predictors = new PredictorRegistry(store);
        return new KnownTasks(
            tasks.All.Select(t => t.Name).ToList(),
            async cancellationToken => (await predictors.ListAsync(cancellationToken)).Select(r => r.Id).ToList());
    }
}
