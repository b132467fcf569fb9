namespace NasPipeline.Hosting.EventStore;

/// <summary>When a process brings the event store's tables up to date.</summary>
public enum SchemaPolicy
{
    /// <summary>Stages, <c>nasp serve</c> and the CLI's one-process mode: every change applied at start, under Marten's global lock.</summary>
    ApplyAtStart,

    /// <summary>
    /// Short CLI calls: one query that the tables exist, and an apply only when they do not. Dozens of CLI calls at
    /// once would otherwise queue on the global lock and give up ("Unable to attain a global lock in time").
    /// </summary>
    ApplyIfMissing,

    /// <summary>
    /// A process whose database role may not change the schema (<c>Pipeline__ApplySchema=false</c>): `nasp db migrate`
    /// applied it beforehand as the owner. The start checks that the tables are there and stops with that remedy when
    /// they are not; nothing is ever created or altered.
    /// </summary>
    RequireMigrated,
}
