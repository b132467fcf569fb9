namespace NasPipeline.Cli;

/// <summary>The command line was fine but the command failed in a way the user can act on: exit 1, the message on stderr.</summary>
public sealed class CliFailedException(string message) : Exception(message);
