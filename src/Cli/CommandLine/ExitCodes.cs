namespace NasPipeline.Cli.CommandLine;

/// <summary>What <c>nasp</c> exits with; README's command-line section and <c>nasp help</c> list the same.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and failed: a rejected or failed run, a file that cannot be read, a server that does not answer.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong (unknown option, bad value, missing argument); the message is on stderr.</summary>
    public const int Usage = 2;

    /// <summary><c>--wait</c> or <c>watch</c> gave up after <c>--timeout</c> while the run was still going.</summary>
    public const int TimedOut = 3;

    /// <summary>Ctrl-C (SIGINT): 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
