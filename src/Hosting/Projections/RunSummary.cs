namespace NasPipeline.Hosting.Projections;

/// <summary>Everything a person asks of one run, folded from its stream (one document per run).</summary>
public sealed class RunSummary
{
    public Guid Id { get; set; }
    public RunStatus Status { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset LastEventAt { get; set; }
    public long Version { get; set; }
    public string Model { get; set; } = "";
    public List<string> InputShapes { get; set; } = [];
    public List<string> Tasks { get; set; } = [];
    public List<string> Objectives { get; set; } = [];
    public List<string> Constraints { get; set; } = [];
    public int Seed { get; set; }
    public Guid? ParentRunId { get; set; }
    public string? Budget { get; set; }
    public string? GraphBlobHash { get; set; }
    public int? Nodes { get; set; }
    public int? Edges { get; set; }
    public long? Macs { get; set; }
    public long? Params { get; set; }
    public Dictionary<string, int> OpCounts { get; set; } = [];
    public string? Producer { get; set; }
    public long? Opset { get; set; }
    public int Generations { get; set; }
    public double? Hypervolume { get; set; }
    public int AdaptersTrained { get; set; }
    /// <summary>Task -> its latest predictor (<see cref="RunText.Predictor"/>): which one scored the run.</summary>
    public Dictionary<string, string> Predictors { get; set; } = [];
    public int CandidatesScored { get; set; }
    public int SubnetsAdapted { get; set; }
    public int SupernetsTrained { get; set; }
    public int SubnetsEvaluated { get; set; }
    public int FrontSize { get; set; }

    /// <summary>The constraints no network met, each with the figure of the closest one (<see cref="RunText.Infeasible"/>).</summary>
    public List<string> Infeasible { get; set; } = [];
    public string? FailureStage { get; set; }
    public string? FailureReason { get; set; }
}
