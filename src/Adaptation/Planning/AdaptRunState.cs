using System.Collections.Immutable;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;

namespace NasPipeline.Adaptation.Planning;

/// <summary>
/// What the Adapt stage needs of a run's stream: the subnets the search asked to adapt, the archive as the search
/// built it (every generation's admitted candidates, in order) and how big it was when each iteration's first request
/// came, the supernets recorded in the run, each (iteration, task) adaptation's start, chunks and result, and each
/// (request, task) fine-tune of an ONNX model's start and chunks, and each FNA architecture adaptation's start, chunks
/// and result.
/// </summary>
public sealed record AdaptRunState
{
    public static readonly AdaptRunState Empty = new();

    public ModelSubmitted? Submission { get; private init; }

    public ImmutableList<AdaptSubnet> Requests { get; private init; } = [];

    public ImmutableHashSet<Guid> Answered { get; private init; } = [];

    public ImmutableList<string> Archive { get; private init; } = [];

    private ImmutableHashSet<string> InArchive { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Per iteration, how many archive members there were when the search first asked for adaptation in it:
    /// the adaptation samples from that prefix, whatever arrives later.</summary>
    public ImmutableDictionary<int, int> ArchiveSizeAt { get; private init; } = ImmutableDictionary<int, int>.Empty;

    /// <summary>Supernets trained outside the stage and recorded in the run (<c>nasp supernet train --run</c>).</summary>
    public ImmutableList<SupernetTrained> Trained { get; private init; } = [];

    public ImmutableDictionary<AdaptationKey, SupernetAdaptationStarted> Started { get; private init; } = ImmutableDictionary<AdaptationKey, SupernetAdaptationStarted>.Empty;

    public ImmutableDictionary<AdaptationKey, ImmutableList<SupernetChunkTrained>> Chunks { get; private init; } =
        ImmutableDictionary<AdaptationKey, ImmutableList<SupernetChunkTrained>>.Empty;

    public ImmutableDictionary<AdaptationKey, SupernetAdapted> Adapted { get; private init; } = ImmutableDictionary<AdaptationKey, SupernetAdapted>.Empty;

    /// <summary>Fine-tunes of ONNX-model candidates (a submitted network, the mutation search's kept one), per request and task.</summary>
    public ImmutableDictionary<FineTuneKey, NetworkFineTuneStarted> FineTunes { get; private init; } = ImmutableDictionary<FineTuneKey, NetworkFineTuneStarted>.Empty;

    public ImmutableDictionary<FineTuneKey, ImmutableList<NetworkChunkTrained>> FineTuneChunks { get; private init; } =
        ImmutableDictionary<FineTuneKey, ImmutableList<NetworkChunkTrained>>.Empty;

    /// <summary>FNA architecture adaptations the search asked for (<see cref="AdaptArchitecture"/>), in order.</summary>
    public ImmutableList<AdaptArchitecture> ArchitectureRequests { get; private init; } = [];

    public ImmutableDictionary<Guid, ArchitectureAdaptationStarted> ArchitectureStarted { get; private init; } =
        ImmutableDictionary<Guid, ArchitectureAdaptationStarted>.Empty;

    public ImmutableDictionary<Guid, ImmutableList<ArchitectureChunkTrained>> ArchitectureChunks { get; private init; } =
        ImmutableDictionary<Guid, ImmutableList<ArchitectureChunkTrained>>.Empty;

    public ImmutableHashSet<Guid> ArchitecturesDerived { get; private init; } = [];

    public bool Finished { get; private init; }

    public AdaptRunState Evolve(object e) => e switch
    {
        ModelSubmitted submitted => this with { Submission = submitted },
        GenerationCompleted { Selected: { } selected } => Admit(selected.Admitted),
        AdaptSubnet request => this with
        {
            Requests = Requests.Add(request),
            ArchiveSizeAt = ArchiveSizeAt.ContainsKey(request.Iteration) ? ArchiveSizeAt : ArchiveSizeAt.Add(request.Iteration, Archive.Count),
        },
        SubnetAdapted adapted => this with { Answered = Answered.Add(adapted.RequestId) },
        SupernetTrained trained => this with { Trained = Trained.Add(trained) },
        SupernetAdaptationStarted started => this with { Started = Started.SetItem(new(started.Iteration, started.Task), started) },
        SupernetChunkTrained chunk => this with
        {
            Chunks = Chunks.SetItem(new(chunk.Iteration, chunk.Task), (Chunks.GetValueOrDefault(new(chunk.Iteration, chunk.Task)) ?? []).Add(chunk)),
        },
        SupernetAdapted adapted => this with { Adapted = Adapted.SetItem(new(adapted.Iteration, adapted.Task), adapted) },
        NetworkFineTuneStarted started => this with { FineTunes = FineTunes.SetItem(new(started.RequestId, started.Task), started) },
        NetworkChunkTrained chunk => this with
        {
            FineTuneChunks = FineTuneChunks.SetItem(new(chunk.RequestId, chunk.Task), (FineTuneChunks.GetValueOrDefault(new(chunk.RequestId, chunk.Task)) ?? []).Add(chunk)),
        },
        AdaptArchitecture request when ArchitectureRequests.All(r => r.RequestId != request.RequestId) =>
            this with { ArchitectureRequests = ArchitectureRequests.Add(request) },
        ArchitectureAdaptationStarted started => this with { ArchitectureStarted = ArchitectureStarted.SetItem(started.RequestId, started) },
        ArchitectureChunkTrained chunk => this with
        {
            ArchitectureChunks = ArchitectureChunks.SetItem(chunk.RequestId, (ArchitectureChunks.GetValueOrDefault(chunk.RequestId) ?? []).Add(chunk)),
        },
        ArchitectureDerived derived => this with { ArchitecturesDerived = ArchitecturesDerived.Add(derived.RequestId) },
        _ when TerminalEvents.Ends(e) => this with { Finished = true },
        _ => this,
    };

    /// <summary>The requests not answered yet, oldest first.</summary>
    public IEnumerable<AdaptSubnet> Pending => Requests.Where(r => !Answered.Contains(r.RequestId));

    /// <summary>The architecture adaptations not derived yet, oldest first.</summary>
    public IEnumerable<AdaptArchitecture> PendingArchitectures => ArchitectureRequests.Where(r => !ArchitecturesDerived.Contains(r.RequestId));

    /// <summary>The candidates of the archive an iteration's adaptation samples from.</summary>
    public IReadOnlyList<string> ArchiveFor(int iteration) => Archive.Take(ArchiveSizeAt.GetValueOrDefault(iteration, Archive.Count)).ToList();

    private AdaptRunState Admit(IReadOnlyList<string> admitted)
    {
        var added = admitted.Where(c => !InArchive.Contains(c)).Distinct(StringComparer.Ordinal).ToList();
        return added.Count == 0 ? this : this with { Archive = Archive.AddRange(added), InArchive = InArchive.Union(added) };
    }
}

/// <summary>One adaptation: the supernet of <paramref name="Task"/> for search iteration <paramref name="Iteration"/>.</summary>
public readonly record struct AdaptationKey(int Iteration, string Task);

/// <summary>One network fine-tune: request <paramref name="RequestId"/>'s network for <paramref name="Task"/>.</summary>
public readonly record struct FineTuneKey(Guid RequestId, string Task);
