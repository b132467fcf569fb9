namespace NasPipeline.Prediction.Models;

/// <summary>The predictor kinds an <c>AdapterTrained</c> event can name, and the blob media types they are stored under.</summary>
public static class ModelKinds
{
    /// <summary>AIO-P: K-Adapters over a frozen pretrained GNN (<see cref="NasPipeline.Predictors.Gnn.Adapters.TaskPredictor"/> bytes).</summary>
    public const string GnnAdapter = "gnn-adapter";

    /// <summary>NAT: the cubic-RBF ensemble on a search space's genes; the blob is its training set, refit on load.</summary>
    public const string Rbf = "rbf";

    public const string GnnAdapterMediaType = "application/vnd.nasp.task-predictor";
    public const string RbfMediaType = "application/vnd.nasp.rbf-training-set+json";

    public static string MediaType(string kind) => kind switch
    {
        GnnAdapter => GnnAdapterMediaType,
        Rbf => RbfMediaType,
        _ => throw new PredictionException("UnknownModel", $"Unknown predictor kind '{kind}' (known: {GnnAdapter}, {Rbf})."),
    };
}
