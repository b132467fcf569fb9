namespace NasPipeline.Contracts.Model;

/// <summary>Where a value the search reported came from.</summary>
public enum ValueOrigin
{
    /// <summary>Counted from the architecture itself (MACs, params).</summary>
    Exact,

    /// <summary>A predictor's score (CandidateScored).</summary>
    Predicted,

    /// <summary>A measurement of the adapted subnet (SubnetAdapted).</summary>
    Measured,
}
