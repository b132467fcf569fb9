using System.CommandLine;

namespace NasPipeline.Cli.CommandLine;

/// <summary><c>nasp help [COMMAND...]</c>: the command list, or one command's help (the same as <c>nasp COMMAND --help</c>).</summary>
public static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var words = new Argument<string[]>("COMMAND") { Description = "The command to describe, e.g. `submit` or `predictor eval`.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("help", "Print the commands, or one command's options.") { words };
        command.SetAction(parse =>
        {
            if (parse.GetValue(words) is not { Length: > 0 } path)
            {
                return RootHelp.Print(root, Console.Out);
            }

            var target = root.Parse(path);
            return target.UnmatchedTokens.Count > 0 ? ParseErrors.Report(target, Console.Error) : root.Parse([.. path, "--help"]).Invoke();
        });
        return command;
    }
}
