using System.Globalization;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Cli.Output;

/// <summary>One readable line per recorded event, for `watch` and `show --events`.</summary>
public static class EventPrinter
{
    public static string Line(RecordedEvent e) =>
        $"{e.Timestamp.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)} #{e.Version,-3} {Describe(e.Data)}";

    private static string Describe(object data) => data switch
    {
        ModelSubmitted m => $"submitted {(m.Onnx is { } o ? o.FileName : m.Point?.Space)} for {string.Join(", ", m.Tasks ?? [])}"
            + (m.MaxDrop is { } drop ? string.Create(CultureInfo.InvariantCulture, $"; returns the cheapest measured network at most {drop:0.####} below the original") : "")
            + (m.MaxStepCut is { } cap ? string.Create(CultureInfo.InvariantCulture, $"; each round removes at most {cap:0.##%} of the MACs") : "")
            + (m.StepRule is { } rule ? $"; step rule {rule.ToString().ToLowerInvariant()}" : "")
            + (m.SpreadTolerance is { } tolerance ? string.Create(CultureInfo.InvariantCulture, $"; mutants may be predicted up to {tolerance:0.##} spreads below the original") : "")
            + (m.Fna is { } fna ? string.Create(CultureInfo.InvariantCulture, $"; FNA with λ {fna.CostWeight:0.###}") + FnaTarget(fna) : ""),
        GraphExtracted g => $"graph extracted: {g.NodeCount} nodes, {Units.Si(g.Macs)}MACs, {Units.Si(g.Params)} params ({g.ExtractionMilliseconds:F0} ms)",
        SubmissionRejected r => $"rejected by {r.Stage} ({r.Kind}): {r.Reason}",
        RunFailed f => $"failed in {f.Stage}: {f.Reason}",
        PseudoLabelRequested p => $"pseudo-label asked for {p.Architecture.Name} on {p.Task}",
        SharedHeadTrained h => string.Create(CultureInfo.InvariantCulture,
            $"shared {h.Task} head trained over {h.SupernetSource} ({Short(h.SupernetBlobHash)}): {h.Steps} steps, {h.Seconds:F1} s, blob {Short(h.HeadBlobHash)}"),
        PseudoLabelReady { Labels: [var only] } p when p.HeadBlobHash.Length > 0 => string.Create(CultureInfo.InvariantCulture,
            $"pseudo-label of {only.Architecture.Name} on {p.Task}: {only.Value:F4} ({p.Seconds:F1} s, head {Short(p.HeadBlobHash)})"),
        PseudoLabelReady p => $"pseudo-labels ready for {p.Task}: {p.Labels.Count}",
        AdapterTrained a => $"{a.Model} for {a.Task} trained: v{a.Version}, {a.SampleCount} samples, SRCC {a.ValidationSrcc:F3}" +
            (a.Source is { Length: > 0 } source ? $"; {source}" : ""),
        CandidateScored c => $"scored {c.Scores.Count} candidates (generation {c.Generation}, predictor v{c.PredictorVersion}{(c.BatchCount > 1 ? $", batch {c.Batch + 1}/{c.BatchCount}" : "")})",
        MutationRoundCompleted { Kept: { } kept } r => $"round {r.Round} done: kept {kept}; current network {Costs(r.Current)}",
        MutationRoundCompleted r => $"round {r.Round} done: no mutant qualified; current network {Costs(r.Current)}",
        MutantsProposed p => $"round {p.Round}: {p.Mutants.Count} mutant{(p.Mutants.Count == 1 ? "" : "s")} proposed",
        GenerationCompleted g => $"generation {g.Generation} done: front of {g.Front.Count}, hypervolume {g.Hypervolume:G4}",
        SupernetTrained t => $"supernet {t.Space} trained for {t.Task}: {t.Epochs.Count} epochs, conflict {(t.Epochs.Count > 0 ? t.Epochs[^1].GradientConflictRate : 0):P1}, " +
            string.Join(", ", t.Evaluated.Select(v => $"{v.Metric} {v.Value:F4}")) + $", checkpoint {t.CheckpointBlobHash[..12]}",
        SubnetEvaluated v => $"subnet {CandidateCodec.Encode(v.Point.Space, v.Point.Encoding)} on {v.Task}: {v.Metric} {v.Value:F4} ({v.Split}, {v.Images} images)",
        SupernetAdaptationStarted { Iteration: AdaptSubnet.InitialArchive } a =>
            $"measuring the initial archive with the {a.Space} supernet for {a.Task}: {a.BaseSource} ({Short(a.BaseCheckpointBlobHash)})",
        SupernetAdaptationStarted a => $"adapting the {a.Space} supernet for {a.Task} (iteration {a.Iteration}): {a.Settings.TotalSteps} steps on subnets " +
            $"drawn from {a.ArchiveSize} archived candidates, from {a.BaseSource} ({Short(a.BaseCheckpointBlobHash)})",
        SupernetAdapted { Iteration: AdaptSubnet.InitialArchive } a => $"initial archive: measured with the {a.Space} supernet as it is ({Short(a.CheckpointBlobHash)})",
        SupernetChunkTrained c => $"adaptation {c.Task} iteration {c.Iteration}: chunk {c.Chunk + 1}/{c.Chunks}, step {c.StepsDone}/{c.TotalSteps}, " +
            string.Create(CultureInfo.InvariantCulture, $"loss {c.MeanLoss:F3}, {c.Seconds:F1} s"),
        SupernetAdapted a => $"supernet {a.Space} for {a.Task} adapted (iteration {a.Iteration}): new version {Short(a.CheckpointBlobHash)}",
        NetworkFineTuneStarted f => $"fine-tuning {Short(f.ModelBlobHash)} for {f.Task}: {f.Settings.TotalSteps} steps; input {f.InputPolicy}; head: {f.Head}",
        NetworkChunkTrained c => $"fine-tune {c.Task} of request {c.RequestId.ToString()[..8]}: chunk {c.Chunk + 1}/{c.Chunks}, step {c.StepsDone}/{c.TotalSteps}, " +
            string.Create(CultureInfo.InvariantCulture, $"loss {c.MeanLoss:F3}, {c.Seconds:F1} s"),
        SearchStarted { Space: FnaSearchDecider.SpaceName } s => $"search started: FNA on the submitted network, seed {s.Seed}",
        SearchStarted s => $"search started: {s.Space}, population {s.Population}, generations {s.Generations}, iterations {s.Iterations}, adapt {s.AdaptPerIteration}, seed {s.Seed}",
        AdaptSubnet { Candidate.Kind: CandidateKind.OnnxModel } a => $"network {Short(a.Candidate.Name)} sent to be fine-tuned and measured on {string.Join(", ", a.Tasks)}",
        AdaptArchitecture a => $"FNA architecture adaptation asked for on {a.Task}",
        ArchitectureAdaptationStarted a => string.Create(CultureInfo.InvariantCulture,
            $"FNA: adapting {a.SeedArchitecture} ({a.SeedMacs:N0} backbone MACs) for {a.Task}: {a.Settings.TotalSteps} steps ({a.Settings.WarmupEpochs} warm-up and {a.Settings.SearchEpochs} search epochs), λ {a.Settings.CostWeight:0.###}")
            + (a.Settings.MacBudget is { } budget ? string.Create(CultureInfo.InvariantCulture, $", budget {budget:N0} MACs") : ""),
        ArchitectureChunkTrained c => string.Create(CultureInfo.InvariantCulture,
            $"FNA architecture adaptation: chunk {c.Chunk + 1}/{c.Chunks}, step {c.StepsDone}/{c.TotalSteps}, loss {c.MeanLoss:F3}")
            + (c.ExpectedMacs is { } expected ? string.Create(CultureInfo.InvariantCulture, $", E[MACs] {expected:N0}") : " (warm-up)")
            + string.Create(CultureInfo.InvariantCulture, $", {c.Seconds:F1} s"),
        ArchitectureDerived d => string.Create(CultureInfo.InvariantCulture,
            $"FNA derived {d.Derived}: {d.DerivedMacs:N0} backbone MACs ({d.Macs:N0} in all), the seed's parameters remapped into it (blob {Short(d.ModelBlobHash)})"),
        SubnetAdapted { Candidate.Kind: CandidateKind.OnnxModel } s => $"network {Short(s.Candidate.Name)} fine-tuned and measured: " +
            $"{string.Join(", ", s.Metrics.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:F4}")))}; its ONNX is blob {Short(s.WeightsBlobHash)}",
        SubnetAdapted s => $"subnet measured: {s.Candidate.Name} {string.Join(", ", s.Metrics.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:F4}")))}",
        SearchCompleted { Measured: { } m, ModelBlobHash: { } model } => $"search completed: original {Measured(m.Original)}; " +
            string.Concat((m.Between ?? []).Select(b => $"step {b.Step} {Measured(b)}; ")) + $"kept {Measured(m.Kept)}; " +
            (m.Choice is { } choice
                ? string.Create(CultureInfo.InvariantCulture, $"chosen by measurement (at most {choice.MaxDrop:0.####} below the original): step {choice.Step}, its fine-tuned ONNX is blob {model}")
                : $"the kept network's fine-tuned ONNX is blob {model}"),
        SearchCompleted { ModelBlobHash: { } model } s => $"search completed: kept network {Costs(s.Front[0])}, its ONNX is blob {model}"
            + (s.ModelWeights is { } weights ? $" ({weights})" : ""),
        SearchCompleted s => $"search completed: front of {s.Front.Count}",
        _ => data.GetType().Name,
    };

    private static string FnaTarget(FnaOptions fna) =>
        fna.TargetMacsFactor is { } factor ? string.Create(CultureInfo.InvariantCulture, $", target {factor:0.###}x the seed's MACs")
        : fna.TargetMacs is { } count ? string.Create(CultureInfo.InvariantCulture, $", target {count:N0} MACs")
        : "";

    /// <summary>MACs, then each task's measured metric with the predictor's guess beside it.</summary>
    private static string Measured(NetworkMeasurement n) => string.Create(CultureInfo.InvariantCulture, $"{n.Macs:N0} MACs, ") + string.Join(", ",
        n.Measured.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{m.Key} {m.Value:F4} measured{(n.Predicted.TryGetValue(m.Key, out var guess) ? $" ({guess:F4} predicted)" : "")}")));

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    /// <summary>A front member's objectives: costs as whole numbers, metrics to four places, in a stable order.</summary>
    private static string Costs(FrontMember member) => string.Join(", ", member.Objectives.OrderBy(o => o.Key, StringComparer.Ordinal)
        .Select(o => o.Key is CostNames.Macs or CostNames.Params
            ? string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value:N0}")
            : string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value:F4}")));
}
