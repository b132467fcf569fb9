using System.CommandLine;
using System.CommandLine.Help;
using NasPipeline.Cli.Commands;

namespace NasPipeline.Cli.CommandLine;

/// <summary>
/// The <c>nasp</c> command tree and its one entry point: parse, refuse a bad command line with exit 2, run the command
/// with a token that Ctrl-C and SIGTERM cancel. Each command builds itself in its own file under <c>Commands/</c>.
/// </summary>
public static class NaspCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("nasp: the NAS Pipeline command line");
        Command[] commands =
        [
            SubmitCommand.Create(), RunsCommand.Create(), ShowCommand.Create(), WatchCommand.Create(), ReplayCommand.Create(),
            ErrorsCommand.Create(), GraphCommand.Create(), ServeCommand.Create(), DashboardCommand.Create(), DoctorCommand.Create(), DataCommand.Create(),
            PredictorCommand.Create(), BlobCommand.Create(), DbCommand.Create(), BenchCommand.Create(), MutateCommand.Create(), TasksCommand.Create(),
            SpaceCommand.Create(), SupernetCommand.Create(), SubnetCommand.Create(), CandidatesCommand.Create(), PlotCommand.Create(),
            ExportCommand.Create(), VerifyOnnxCommand.Create(), ChainCommand.Create(), AdaptCommand.Create(), TrainCommand.Create(), EvaluateCommand.Create(),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(HelpCommand.Create(root));
        root.SetAction(_ => RootHelp.Print(root, Console.Out));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        using var interruption = new Interruption();
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Action is HelpAction && parse.CommandResult.Command is RootCommand)
        {
            return RootHelp.Print(root, Console.Out);
        }

        if (parse.Errors.Count > 0)
        {
            return ParseErrors.Report(parse, Console.Error);
        }

        if (DeviceOption.Of(parse) is { } device)
        {
            CliTorch.Device = device;
        }

        var code = ExitCodes.Failed;
        try
        {
            // Signals are handled here (Interruption), so the parser's own handler stays off.
            code = await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, interruption.Token);
        }
        catch (Exception e) when (interruption.ExitCode is null)
        {
            await Console.Error.WriteLineAsync($"error: {CommandPath.Of(parse.CommandResult.Command)} failed unexpectedly: {e}");
            return ExitCodes.Failed;
        }
        catch (Exception)
        {
            // Whatever a command throws while it is being stopped is a consequence of the signal.
        }

        return interruption.ExitCode ?? code;
    }
}
