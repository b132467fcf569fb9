namespace NasPipeline.Cli;

/// <summary>How a result command prints: a table to read, or JSON / CSV for a program.</summary>
public enum ResultFormat
{
    Table,
    Json,
    Csv,
}

public static class ResultFormats
{
    public static ResultFormat Of(bool json, bool csv) => (json, csv) switch
    {
        (true, true) => throw new CliUsageException("Choose one of --json and --csv."),
        (true, false) => ResultFormat.Json,
        (false, true) => ResultFormat.Csv,
        _ => ResultFormat.Table,
    };
}
