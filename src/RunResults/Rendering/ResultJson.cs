using System.Text.Json;
using NasPipeline.Contracts.Json;
using NasPipeline.RunResults.Model;

namespace NasPipeline.RunResults.Rendering;

/// <summary>
/// The result as JSON in the tools' one style (<see cref="OutputJson"/>; stable, README of this project).
/// `show --front --json` gives <c>run_id, kind, completed, objectives, submitted</c> and <c>front</c> (a space run) or <c>path, kept_model_blob_hash,
/// measured</c> (an ONNX run; <c>measured</c> is null unless the run asked for adaptation: <c>original, kept, between</c>, each with <c>step,
/// model_blob_hash, fine_tuned_blob_hash, macs, params, measured, predicted</c>, and <c>choice</c> (<c>max_drop, step</c>) with
/// <c>--max-drop</c>), and <c>failure</c> (null unless the run failed or was rejected); `candidates --json` gives <c>run_id, tasks, candidates</c>.
/// </summary>
public static class ResultJson
{
    public static string Result(RunResult result) => result.Kind == RunKind.Onnx
        ? JsonSerializer.Serialize(new
        {
            result.RunId, result.Kind, result.Completed, result.Tasks, result.Objectives, result.Submitted, result.Path, result.KeptModelBlobHash, result.Measured,
            result.Failure,
        }, OutputJson.Options)
        : JsonSerializer.Serialize(new
        {
            result.RunId, result.Kind, result.Completed, result.Tasks, result.Objectives, result.Submitted, result.Front, result.Failure,
        }, OutputJson.Options);

    public static string Candidates(RunResult result) =>
        JsonSerializer.Serialize(new { result.RunId, result.Tasks, result.Candidates }, OutputJson.Options);
}
