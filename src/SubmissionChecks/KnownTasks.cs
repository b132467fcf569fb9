namespace NasPipeline.SubmissionChecks;

/// <summary>
/// The tasks a run may name: the built-in ones (the vision task registry) and any task a predictor has been registered
/// for. The registry is read through <paramref name="registered"/>, so the check runs without a database in tests.
/// </summary>
public sealed class KnownTasks(IReadOnlyCollection<string> builtIn, Func<CancellationToken, Task<IReadOnlyCollection<string>>> registered)
{
    public IReadOnlyCollection<string> BuiltIn => builtIn;

    public Task<IReadOnlyCollection<string>> RegisteredAsync(CancellationToken cancellationToken) => registered(cancellationToken);

    /// <summary>Only the built-in tasks (no predictor registry to consult).</summary>
    public static KnownTasks Of(params string[] builtIn) => new(builtIn, _ => Task.FromResult<IReadOnlyCollection<string>>([]));
}
