using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Prediction.Registry;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction.Planning;

/// <summary>One thing the Predict stage is to do for a run, as its decider planned it.</summary>
public abstract record PredictStep;

/// <summary>Refit the task's predictor (<see cref="Model"/> kind) on every label the run holds for it, starting from
/// <see cref="Basis"/> (the current predictor, when the refit adapts it); the result is the run's predictor version
/// <see cref="Version"/>, trained with <see cref="Seed"/>.</summary>
public sealed record RefitStep(string Task, string Model, int Version, int Seed, IReadOnlyDictionary<Candidate, double> Labels, AdapterTrained? Basis) : PredictStep;

/// <summary>Adopt a starting predictor (registered for the task, or the default) as the run's version <see cref="Version"/>.</summary>
public sealed record AdoptStep(string Task, int Version, StartingPredictor Predictor) : PredictStep
{
    /// <summary>What the run records for the adoption (a refit planned with it starts from this).</summary>
    public AdapterTrained Recorded(Guid runId) => new(runId, Task, Predictor.Registration.Model, Version, Predictor.Registration.SampleCount,
        Predictor.Registration.ValidationSrcc, Predictor.Registration.WeightsBlobHash, Predictor.Registration.Seed, Predictor.Source,
        Predictor.Registration.Range);
}

/// <summary>Score the request's candidates with each task's predictor as of <see cref="Version"/>, in batches.</summary>
public sealed record ScoreStep(ScoreCandidates Request, int Version, int BatchSize) : PredictStep;

/// <summary>The run cannot go on: it fails with this kind and reason.</summary>
public sealed record FailStep(string Kind, string Reason) : PredictStep;
