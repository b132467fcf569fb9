using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Cli;

/// <summary>The command tree and the parser's refusals: help for everything, suggestions for typos, exit code 2.</summary>
public sealed class CommandLineTests
{
    private static readonly Dictionary<string, string> NoServers = new();

    [Fact]
    public void Every_command_option_and_argument_has_a_description_for_its_help()
    {
        var missing = new List<string>();
        Walk(NaspCommandLine.Build(), missing);

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData()]
    [InlineData("help")]
    [InlineData("--help")]
    public async Task Nasp_alone_and_nasp_help_print_every_command(params string[] args)
    {
        var result = await NaspCli.RunAsync(NoServers, args);

        Assert.Equal(0, result.ExitCode);
        foreach (var command in NaspCommandLine.Build().Subcommands)
        {
            Assert.Matches($@"(?m)^  {command.Name}\s+\S", result.Output);
        }

        Assert.Contains("143 stopped by SIGTERM", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("submit", "--help")]
    [InlineData("help", "submit")]
    public async Task Command_help_describes_each_option(params string[] args)
    {
        var result = await NaspCli.RunAsync(NoServers, args);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"(?m)^\s+--population <N>\s+NSGA-III population", result.Output);
        Assert.Matches(@"(?m)^\s+--connect-timeout <SECONDS>\s+Seconds to wait for RabbitMQ", result.Output);
        Assert.Contains("[default: 15]", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nasp submit has no option --populaton (did you mean --population?)", "submit", "model.onnx", "--populaton", "8")]
    [InlineData("nasp has no command 'sbumit' (did you mean submit?)", "sbumit", "model.onnx")]
    [InlineData("nasp predictor has no command 'evl' (did you mean eval?)", "predictor", "evl", "--data", "d.jsonl")]
    [InlineData("nasp runs does not take 'extra' here", "runs", "extra")]
    [InlineData("nasp data needs a command: import.", "data")]
    [InlineData("--limit must be a whole number, not 'ten'.", "runs", "--limit", "ten")]
    [InlineData("Option '--out' is required.", "blob", "get", "0123")]
    public void Bad_command_lines_are_refused_with_exit_2_and_a_reason(string reason, params string[] args)
    {
        var error = new StringWriter();

        var code = ParseErrors.Report(NaspCommandLine.Build().Parse(args), error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"error: {reason}", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--help` for its", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_option_is_refused_by_the_real_executable_on_stderr_with_exit_2()
    {
        var result = await NaspCli.RunAsync(NoServers, "graph", "model.onnx", "--jsn");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: nasp graph has no option --jsn (did you mean --json?).", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_with_a_negative_limit_is_refused_not_a_crash()
    {
        var result = await NaspCli.RunAsync(NoServers, "runs", "--limit", "-1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --limit must be at least 1, not -1.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_refuses_a_file_given_with_a_point()
    {
        var result = await NaspCli.RunAsync(NoServers, "submit", RepoPaths.Fixture("small_cnn_28.onnx"), "--point", "mbv3-28:0,1,2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("a file or --point, not both", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("--populaton", "--population", 1)]
    [InlineData("sbumit", "submit", 1)]
    [InlineData("abc", "abc", 0)]
    [InlineData("", "abc", 3)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Distance(a, b));
        Assert.Equal(expected, Suggestions.Distance(b, a));
    }

    [Fact]
    public void A_word_far_from_every_name_gets_no_suggestion()
    {
        Assert.Null(Suggestions.Closest("--colour", ["--population", "--seed", "--wait"]));
        Assert.Equal("--seed", Suggestions.Closest("--sed", ["--population", "--seed", "--wait"]));
    }

    private static void Walk(Command command, List<string> missing)
    {
        var path = CommandPath.Of(command);
        if (string.IsNullOrWhiteSpace(command.Description))
        {
            missing.Add(path);
        }

        missing.AddRange(command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description)).Select(o => $"{path} {o.Name}"));
        missing.AddRange(command.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{path} <{a.Name}>"));
        foreach (var sub in command.Subcommands)
        {
            Walk(sub, missing);
        }
    }
}
