using NasPipeline.Contracts.Validation;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Cli;

/// <summary>
/// What only the registries can tell (a point's genes, an unknown task) and options that do not go together (--max-drop
/// without measurements to choose by) are refused by `submit` itself with exit 2, before anything is uploaded or
/// published: no run id is printed.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class SubmitRefusalTests(PipelineFixture fixture)
{
    private static readonly ISearchSpace Mbv3 = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");

    public static TheoryData<string, string[]> Refusals()
    {
        var outOfRange = Mbv3.Smallest.ToArray();
        outOfRange[0] = 99;
        var point = $"mbv3-28:{string.Join(',', Mbv3.Smallest)}";
        return new()
        {
            { "mbv3-28: gene 0 'resolution' is 99, outside its range 0..2.", ["--point", $"mbv3-28:{string.Join(',', outOfRange)}"] },
            { "mbv3-28 has 14 genes, got 12.", ["--point", $"mbv3-28:{string.Join(',', Mbv3.Smallest.Take(12))}"] },
            { "Task 'depth' is unknown: the built-in tasks are", ["--point", point, "--tasks", "depth"] },
            { ModelSubmittedValidator.MaxDropNeedsAdapt, [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--max-drop", "0.005"] },
            { "--max-drop takes a number in the tasks' metric units (e.g. 0.005 for half a top-1 point), not 'half'.",
                [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--adapt", "1", "--max-drop", "half"] },
            { "--max-step-cut takes a fraction of the current network's MACs (e.g. 0.03), not '3%'.",
                [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--max-step-cut", "3%"] },
            { ModelSubmittedValidator.MaxStepCutNeedsOnnx, ["--point", point, "--max-step-cut", "0.03"] },
            { "--step-rule is headroom or spread, not 'widest'.", [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--step-rule", "widest"] },
            { ModelSubmittedValidator.StepRuleNeedsOnnx, ["--point", point, "--step-rule", "spread"] },
            { "--spread-tolerance takes a number of the predictor's spreads (e.g. 1), not 'one'.",
                [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--spread-tolerance", "one"] },
            { "--spread-tolerance is a number of the predictor's spreads from 0 to 10 (e.g. 1), not -1.",
                [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--spread-tolerance", "-1"] },
            { ModelSubmittedValidator.SpreadToleranceNeedsOnnx, ["--point", point, "--spread-tolerance", "1"] },
            { ModelSubmittedValidator.FnaNeedsOnnx, ["--point", point, "--fna"] },
            { ModelSubmittedValidator.FnaReplacesMutationSearch, [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--fna", "--max-step-cut", "0.1"] },
            { ModelSubmittedValidator.FnaReplacesMutationSearch, [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--fna", "--pseudo-labels", "4"] },
            { "--fna adapts a MobileNetV2-like chain classifier with its weights (`nasp chain train` writes one); ",
                [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--fna"] },
            { "--cost-weight and --target-macs steer FNA: give --fna with them.", [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--cost-weight", "1"] },
            { "--cost-weight is λ in task loss + λ·log10(E[MACs]), from 0 to 100, not -1.",
                [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--fna", "--cost-weight", "-1"] },
            { "--target-macs is a factor of the seed's MACs in (0, 1] followed by x (0.8x) or a positive count of MACs, not '1.5x'.",
                [RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--fna", "--target-macs", "1.5x"] },
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Submit_refuses_before_publishing(string message, string[] args)
    {
        var result = await NaspCli.RunAsync(fixture.Environment, ["submit", .. args]);

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains($"error: {message}", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output.Split('\n'), l => Guid.TryParse(l.Trim(), out _));
    }

    [Fact]
    public async Task Submit_running_the_stages_in_process_refuses_their_bad_settings_in_one_line()
    {
        var env = new Dictionary<string, string>(NaspCli.Embedded(fixture)) { ["Search__Generations"] = "many", ["Predict__BatchSize"] = "0" };

        var result = await NaspCli.RunAsync(env, "submit", "--point", $"mbv3-28:{string.Join(',', Mbv3.Smallest)}");

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains("error: Predict__BatchSize: 'Batch Size' must be greater than or equal to '1'. Search__Generations must be a whole number, not 'many'.",
            result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output.Split('\n'), l => Guid.TryParse(l.Trim(), out _));
    }
}
