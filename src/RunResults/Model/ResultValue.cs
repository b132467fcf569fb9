namespace NasPipeline.RunResults.Model;

/// <summary>
/// One objective's value for one network and where it came from. <see cref="By"/> says who: the predictor model and its
/// version for a predicted value ("gnn-adapter v1"), how it was measured for a measured one ("adapted subnet");
/// <see cref="PredictorVersion"/> is the run's predictor version the score names (CandidateScored).
/// </summary>
public sealed record ResultValue(string Name, double Value, ValueSource Source, string? By = null, int? PredictorVersion = null)
{
    public static ResultValue Exact(string name, double value) => new(name, value, ValueSource.Exact);
}
