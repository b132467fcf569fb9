namespace NasPipeline.RunResults.Model;

/// <summary>Where a value in a result came from.</summary>
public enum ValueSource
{
    /// <summary>Counted from the network itself (MACs, params).</summary>
    Exact,

    /// <summary>A predictor's score (CandidateScored).</summary>
    Predicted,

    /// <summary>A subnet's measured metric (SubnetAdapted, SubnetEvaluated).</summary>
    Measured,

    /// <summary>No event of the run holds this value for this candidate.</summary>
    Unknown,
}
