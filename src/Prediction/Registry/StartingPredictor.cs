namespace NasPipeline.Prediction.Registry;

/// <summary>A predictor a run adopts for a task, with the words its <c>AdapterTrained</c> records for where it came from.</summary>
public sealed record StartingPredictor(TaskPredictorRegistration Registration, string Source);
