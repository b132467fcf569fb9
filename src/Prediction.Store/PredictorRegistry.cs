using Marten;
using NasPipeline.Prediction.Registry;

namespace NasPipeline.Prediction.Store;

/// <summary>Which predictor each task starts from; see <see cref="TaskPredictorRegistration"/>.</summary>
public sealed class PredictorRegistry(IDocumentStore store)
{
    public async Task RegisterAsync(TaskPredictorRegistration registration, CancellationToken cancellationToken = default)
    {
        await using var session = store.LightweightSession();
        session.Store(registration);
        await session.SaveChangesAsync(cancellationToken);
    }

    public async Task<TaskPredictorRegistration?> FindAsync(string task, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<TaskPredictorRegistration>(task, cancellationToken);
    }

    public async Task<IReadOnlyList<TaskPredictorRegistration>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        return (await session.Query<TaskPredictorRegistration>().ToListAsync(cancellationToken)).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }
}
