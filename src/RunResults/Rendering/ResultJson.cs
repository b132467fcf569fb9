using System.Text.Json;
using System.Text.Json.Serialization;
using NasPipeline.RunResults.Model;

namespace NasPipeline.RunResults.Rendering;

/// <summary>
/// The result as JSON with snake_case field names (stable; README of this project). `show --front --json` gives
/// <c>run_id, kind, completed, objectives, submitted</c> and <c>front</c> (a space run) or <c>path, kept_model_blob_hash</c>
/// (an ONNX run), and <c>failure</c> (null unless the run failed or was rejected); `candidates --json` gives <c>run_id, tasks, candidates</c>.
/// </summary>
public static class ResultJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Result(RunResult result) => result.Kind == RunKind.Onnx
        ? JsonSerializer.Serialize(new
        {
            result.RunId, result.Kind, result.Completed, result.Tasks, result.Objectives, result.Submitted, result.Path, result.KeptModelBlobHash, result.Failure,
        }, Options)
        : JsonSerializer.Serialize(new
        {
            result.RunId, result.Kind, result.Completed, result.Tasks, result.Objectives, result.Submitted, result.Front, result.Failure,
        }, Options);

    public static string Candidates(RunResult result) =>
        JsonSerializer.Serialize(new { result.RunId, result.Tasks, result.Candidates }, Options);
}
