using NasPipeline.Adaptation.Nat;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Seeds;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Adaptation.Planning;

/// <summary>
/// The Adapt stage's next step for a run, pure: the oldest pending request's iteration is adapted task by task (start,
/// then its chunks in order), then the request's subnet is measured. An ONNX-model candidate (a submitted network, or
/// the one the mutation search kept) is fine-tuned task by task from its own weights instead, then measured. An FNA
/// architecture adaptation (<see cref="AdaptArchitecture"/>) goes first: start, chunks, derivation. One step per message keeps every message short
/// and lets a restart pick up at the first step whose outcome is not in the stream.
/// </summary>
public sealed class AdaptDecider(SearchSpaceRegistry spaces)
{
    // Fine-tune and architecture seeds are derived apart from every supernet adaptation's (whose iterations are small numbers).
    private const int FineTuneIteration = 999;
    private const int ArchitectureIteration = 998;

    public AdaptStep Next(AdaptRunState state)
    {
        if (state.Finished)
        {
            return new AdaptIdle();
        }

        if (state.PendingArchitectures.FirstOrDefault() is { } architecture)
        {
            return NextForArchitecture(state, architecture);
        }

        if (state.Pending.FirstOrDefault() is not { } request)
        {
            return new AdaptIdle();
        }

        if (request.Candidate.Kind == CandidateKind.OnnxModel)
        {
            return NextForNetwork(state, request);
        }

        var supernets = new Dictionary<string, SupernetAdapted>(StringComparer.Ordinal);
        var tasks = request.Tasks.Distinct(StringComparer.Ordinal).ToList();
        for (var t = 0; t < tasks.Count; t++)
        {
            var key = new AdaptationKey(request.Iteration, tasks[t]);
            if (state.Adapted.TryGetValue(key, out var adapted))
            {
                supernets[tasks[t]] = adapted;
                continue;
            }

            if (!state.Started.TryGetValue(key, out var started))
            {
                return Start(state, request, tasks[t], t);
            }

            var done = state.Chunks.GetValueOrDefault(key) ?? [];
            var chunks = ChunkCount(started.Settings);
            var from = done.Count * started.Settings.ChunkSteps;
            return new TrainChunkStep(started, done.Count, chunks, from, Math.Min(started.Settings.TotalSteps, from + started.Settings.ChunkSteps),
                done.Count == 0 ? null : done[^1].StateBlobHash);
        }

        return new MeasureStep(request, supernets);
    }

    /// <summary>A network's fine-tunes, task by task (start, then its chunks in order), then its measurement.</summary>
    private static AdaptStep NextForNetwork(AdaptRunState state, AdaptSubnet request)
    {
        var finished = new List<FineTuned>();
        var tasks = request.Tasks.Distinct(StringComparer.Ordinal).ToList();
        for (var t = 0; t < tasks.Count; t++)
        {
            var key = new FineTuneKey(request.RequestId, tasks[t]);
            if (!state.FineTunes.TryGetValue(key, out var started))
            {
                return new StartFineTuneStep(request, tasks[t], state.Submission?.InputShapes ?? [], AdaptationSeed(request.Seed, FineTuneIteration, t));
            }

            var done = state.FineTuneChunks.GetValueOrDefault(key) ?? [];
            var chunks = ChunkCount(started.Settings);
            if (done.Count < chunks)
            {
                var from = done.Count * started.Settings.ChunkSteps;
                return new FineTuneChunkStep(started, done.Count, chunks, from, Math.Min(started.Settings.TotalSteps, from + started.Settings.ChunkSteps),
                    done.Count == 0 ? null : done[^1].StateBlobHash);
            }

            finished.Add(new FineTuned(started, done[^1].StateBlobHash));
        }

        return new MeasureNetworkStep(request, finished);
    }

    /// <summary>FNA's architecture adaptation: start, its chunks in order, then the derivation.</summary>
    private static AdaptStep NextForArchitecture(AdaptRunState state, AdaptArchitecture request)
    {
        if (!state.ArchitectureStarted.TryGetValue(request.RequestId, out var started))
        {
            return new StartArchitectureStep(request, AdaptationSeed(request.Seed, ArchitectureIteration, 0));
        }

        var done = state.ArchitectureChunks.GetValueOrDefault(request.RequestId) ?? [];
        var chunks = ChunkCount(started.Settings.TotalSteps, started.Settings.ChunkSteps);
        if (done.Count < chunks)
        {
            var from = done.Count * started.Settings.ChunkSteps;
            return new ArchitectureChunkStep(started, done.Count, chunks, from, Math.Min(started.Settings.TotalSteps, from + started.Settings.ChunkSteps),
                done.Count == 0 ? null : done[^1].StateBlobHash);
        }

        return new DeriveArchitectureStep(started, done[^1].StateBlobHash);
    }

    public static int ChunkCount(AdaptationSettings settings) => ChunkCount(settings.TotalSteps, settings.ChunkSteps);

    private static int ChunkCount(int totalSteps, int chunkSteps) => Math.Max(1, (totalSteps + chunkSteps - 1) / chunkSteps);

    /// <summary>The seed of one (iteration, task) adaptation, derived from the run's.</summary>
    public static int AdaptationSeed(int runSeed, int iteration, int taskIndex) => SplitMix64.Derive(runSeed, 1_000_000L + (iteration * 1_000L) + taskIndex);

    private StartAdaptationStep Start(AdaptRunState state, AdaptSubnet request, string task, int taskIndex)
    {
        var (spaceName, genes) = Point(request.Candidate);
        var space = spaces.TryGet(spaceName, out var known) ? known : throw new AdaptationException($"No search space is named '{spaceName}' ({request.Candidate}).");
        var archive = new List<IReadOnlyList<int>>();
        foreach (var member in state.ArchiveFor(request.Iteration))
        {
            if (CandidateCodec.TryDecode(member, out var memberSpace, out var memberGenes) && memberSpace == space.Name && memberGenes.Length == space.Genes.Count)
            {
                archive.Add(memberGenes);
            }
        }

        if (archive.Count == 0)
        {
            // A run whose archive holds no point of the space (not NAT's loop, which always has one) adapts on the subnet asked for.
            archive.Add(genes);
        }

        return new StartAdaptationStep(request.Iteration, task, space.Name, BaseFor(state, request.Iteration, task, space.Name), archive.Count,
            ArchiveDistribution.Of(space, archive).Probabilities, AdaptationSeed(request.Seed, request.Iteration, taskIndex));
    }

    /// <summary>The newest version of the run's supernet for the task: the last iteration's adaptation, else one trained
    /// and recorded in the run, else none.</summary>
    private static SupernetBase? BaseFor(AdaptRunState state, int iteration, string task, string space)
    {
        var previous = state.Adapted.Values.Where(a => a.Task == task && a.Space == space && a.Iteration < iteration).MaxBy(a => a.Iteration);
        if (previous is not null)
        {
            return new SupernetBase(previous.CheckpointBlobHash, $"adapted in iteration {previous.Iteration}");
        }

        var trained = state.Trained.LastOrDefault(t => t.Task == task && t.Space == space && t.CheckpointBlobHash.Length > 0);
        return trained is null ? null : new SupernetBase(trained.CheckpointBlobHash, "trained and recorded in the run");
    }

    private static (string Space, int[] Genes) Point(Candidate candidate) =>
        candidate.Kind == CandidateKind.SpacePoint && CandidateCodec.TryDecode(candidate.Name, out var space, out var genes)
            ? (space, genes)
            : throw new AdaptationException($"Adapt serves search-space points and ONNX models; {candidate.Name} is a computation graph, which has no weights to fine-tune (send the network's ONNX model instead).");
}
