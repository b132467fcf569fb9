using JasperFx;
using Marten;
using NasPipeline.Prediction.Registry;

namespace NasPipeline.Prediction.Store;

/// <summary>Which predictor each task starts from; see <see cref="TaskPredictorRegistration"/>.</summary>
public sealed class PredictorRegistry(IDocumentStore store)
{
    private const int RaceAttempts = 3;

    /// <summary>
    /// Registers the predictor for its task and returns what the registry holds now: the given registration once written.
    /// When the task already has this very predictor (<see cref="TaskPredictorRegistration.DedupeKey"/>), nothing is
    /// written and the stored registration comes back, so a retried or repeated registration keeps the first one's time
    /// instead of looking like a new predictor.
    /// </summary>
    public async Task<TaskPredictorRegistration> RegisterAsync(TaskPredictorRegistration registration, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var current = await session.LoadAsync<TaskPredictorRegistration>(registration.Id, cancellationToken);
            if (current is not null && current.DedupeKey == registration.DedupeKey)
            {
                return current;
            }

            if (current is null)
            {
                // Insert, not upsert: of two first registrations at once, the later fails here and reads the earlier.
                session.Insert(registration);
            }
            else
            {
                session.Update(registration);
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
                return registration;
            }
            catch (DocumentAlreadyExistsException) when (attempt < RaceAttempts)
            {
            }
        }
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
