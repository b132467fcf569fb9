using System.Text.Json;
using System.Text.Json.Nodes;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Validation;
using NasPipeline.Hosting.Projections;

namespace NasPipeline.Tests.Validation;

/// <summary>
/// Any ModelSubmitted that deserialises, however much of it is missing or null, is validated without throwing, and the
/// texts the run's projections fold from a recorded submission are made without throwing too: another client's bad
/// message must become a rejection, never a crash that sends it to the _error queue.
/// </summary>
public sealed class SubmissionFuzzTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void A_bare_submission_is_invalid_and_says_why_without_throwing()
    {
        var bare = JsonSerializer.Deserialize<ModelSubmitted>("""{"runId":"4b8f3a52-5a63-4c1d-9a0e-6f7d1c2b3a40"}""", Json)!;

        var result = new ModelSubmittedValidator().Validate(bare);

        Assert.False(result.IsValid);
        Assert.Contains("Give exactly one model: an ONNX file or a search-space point.", result.Errors.Select(e => e.ErrorMessage));
        Assert.Contains("Name at least one task (e.g. classification).", result.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public void Every_member_removed_or_nulled_one_at_a_time_validates_without_throwing()
    {
        var paths = Paths(Valid()).ToList();
        Assert.True(paths.Count > 20, $"only {paths.Count} members to vary");
        foreach (var path in paths)
        {
            foreach (var change in new[] { "remove", "null", "empty", "null-element" })
            {
                var node = Valid();
                if (Apply(node, path, change))
                {
                    AssertValidatesWithoutThrowing(node, $"{change} {path}");
                }
            }
        }
    }

    [Fact]
    public void Random_combinations_of_missing_and_null_members_validate_without_throwing()
    {
        var paths = Paths(Valid()).ToList();
        var changes = new[] { "remove", "null", "empty", "null-element" };
        var random = new Random(20261201);
        for (var trial = 0; trial < 500; trial++)
        {
            var node = Valid();
            var applied = new List<string>();
            for (var k = random.Next(1, 6); k > 0; k--)
            {
                var (path, change) = (paths[random.Next(paths.Count)], changes[random.Next(changes.Length)]);
                if (Apply(node, path, change))
                {
                    applied.Add($"{change} {path}");
                }
            }

            AssertValidatesWithoutThrowing(node, $"seed 20261201 trial {trial}: {string.Join("; ", applied)}");
        }
    }

    private static void AssertValidatesWithoutThrowing(JsonObject node, string what)
    {
        ModelSubmitted? message;
        try
        {
            message = node.Deserialize<ModelSubmitted>(Json);
        }
        catch (JsonException)
        {
            return; // Not deserialisable (e.g. a null where a number must be): MassTransit sends those to _error itself.
        }

        if (message is null)
        {
            return;
        }

        var exception = Record.Exception(() =>
        {
            new ModelSubmittedValidator().Validate(message);
            _ = RunText.Model(message);
            _ = (message.Objectives ?? []).Select(RunText.Objective).ToList();
            _ = (message.Constraints ?? []).Select(RunText.Constraint).ToList();
        });
        Assert.True(exception is null, $"{what}: {exception}\n{node.ToJsonString()}");
    }

    private static JsonObject Valid() => JsonSerializer.SerializeToNode(new ModelSubmitted(
        Guid.Parse("4b8f3a52-5a63-4c1d-9a0e-6f7d1c2b3a40"), DateTimeOffset.UnixEpoch,
        new OnnxModelRef(new string('a', 64), "m.onnx", 10), new SearchSpacePoint("mbv3-28", [0, 1, 2]),
        ["1x3x224x224"], ["classification", "segmentation"],
        [new Objective("classification", ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)],
        [new Constraint(CostNames.Macs, ConstraintOperator.AtMost, 0.8, true)], 3,
        new SearchBudget(10, 2, 1, 0, 5), Guid.Parse("0c9e1d2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f")), Json)!.AsObject();

    /// <summary>Every member path, e.g. "onnx.blobHash", "objectives[1].name".</summary>
    private static IEnumerable<string> Paths(JsonNode? node, string prefix = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                    yield return path;
                    foreach (var inner in Paths(value, path))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var inner in Paths(a[i], $"{prefix}[{i}]"))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    /// <summary>Applies one change at a path; false when the path is gone (an earlier change removed its parent) or the
    /// change does not apply (empty or null-element of a non-array).</summary>
    private static bool Apply(JsonObject root, string path, string change)
    {
        var (parent, key) = Locate(root, path);
        if (parent is null || !parent.ContainsKey(key))
        {
            return false;
        }

        switch (change)
        {
            case "remove":
                parent.Remove(key);
                return true;
            case "null":
                parent[key] = null;
                return true;
            case "empty" when parent[key] is JsonArray:
                parent[key] = new JsonArray();
                return true;
            case "null-element" when parent[key] is JsonArray array:
                array.Add(null);
                return true;
            default:
                return false;
        }
    }

    private static (JsonObject? Parent, string Key) Locate(JsonObject root, string path)
    {
        JsonNode? current = root;
        var parts = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            current = parts[i].StartsWith('[')
                ? current is JsonArray a && int.Parse(parts[i][1..^1]) is var n && n < a.Count ? a[n] : null
                : current is JsonObject o && o.TryGetPropertyValue(parts[i], out var next) ? next : null;
        }

        return (current as JsonObject, parts[^1]);
    }
}
