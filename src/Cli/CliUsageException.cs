namespace NasPipeline.Cli;

/// <summary>A command line that parses but makes no sense (a missing file, a bad combination): exit 2, the message on stderr.</summary>
public sealed class CliUsageException(string message) : Exception(message);
