using Microsoft.Extensions.Configuration;
using Npgsql;
using NasPipeline.Cli;
using NasPipeline.Cli.Commands;
using NasPipeline.Hosting;

var flags = new HashSet<string>(StringComparer.Ordinal) { "wait", "json", "events", "help", "speed", "redrive", "fork", "no-projection", "no-scaling", "front", "csv" };
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    var parsed = CliArgs.Parse(args, flags);
    var command = parsed.Positionals.Count > 0 ? parsed.Positionals[0] : "help";
    var output = Console.Out;
    return command switch
    {
        "submit" => await SubmitCommand.RunAsync(parsed, output, cancel.Token),
        "runs" => await RunsCommand.RunAsync(parsed, output, cancel.Token),
        "show" when parsed.Flag("front") => await ShowFrontCommand.RunAsync(parsed, output, cancel.Token),
        "show" => await ShowCommand.RunAsync(parsed, output, cancel.Token),
        "candidates" => await CandidatesCommand.RunAsync(parsed, output, cancel.Token),
        "plot" => await PlotCommand.RunAsync(parsed, output, cancel.Token),
        "watch" => await WatchCommand.RunAsync(parsed, output, cancel.Token),
        "replay" => await ReplayCommand.RunAsync(parsed, output, cancel.Token),
        "errors" => await ErrorsCommand.RunAsync(parsed, output, Settings(), cancel.Token),
        "graph" => await GraphCommand.RunAsync(parsed, output),
        "serve" => await ServeCommand.RunAsync(parsed),
        "doctor" => await DoctorCommand.RunAsync(parsed, output, cancel.Token),
        "data" => await DataCommand.RunAsync(parsed, output),
        "predictor" => await PredictorCommand.RunAsync(parsed, output, cancel.Token),
        "bench" => await BenchCommand.RunAsync(parsed, output),
        "mutate" => await MutateCommand.RunAsync(parsed, output),
        "tasks" => await TasksCommand.RunAsync(parsed, output),
        "space" => await SpaceCommand.RunAsync(parsed, output),
        "blob" => await BlobCommand.RunAsync(parsed, output, cancel.Token),
        "supernet" => await SupernetCommand.RunAsync(parsed, output, cancel.Token),
        "subnet" => await SubnetCommand.RunAsync(parsed, output, cancel.Token),
        "export" => await ExportCommand.RunAsync(parsed, output, cancel.Token),
        "help" or "--help" or "-h" => Help(0),
        _ => throw new CliUsageException($"Unknown command '{command}'."),
    };
}
catch (CliUsageException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    await Console.Error.WriteLineAsync("Run `nasp help` for the commands.");
    return 2;
}
catch (NasPipeline.Vision.Data.DatasetNotFoundException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}
catch (PipelineConfigurationException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}
catch (NpgsqlException e) when (e.InnerException is System.Net.Sockets.SocketException or TimeoutException)
{
    await Console.Error.WriteLineAsync($"error: cannot reach PostgreSQL ({e.InnerException?.Message}). Is it running? ./scripts/servers.sh start");
    return 1;
}
catch (HttpRequestException e)
{
    await Console.Error.WriteLineAsync($"error: RabbitMQ's management API did not answer: {e.Message}");
    return 1;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    return 130;
}

static PipelineSettings Settings() => PipelineSettings.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());

static int Help(int code)
{
    Console.WriteLine("nasp: the NAS Pipeline command line");
    Console.WriteLine();
    foreach (var usage in new[]
             {
                 SubmitCommand.Usage, RunsCommand.Usage, ShowCommand.Usage, ShowFrontCommand.Usage, CandidatesCommand.Usage, PlotCommand.Usage, WatchCommand.Usage, ReplayCommand.Usage,
                 ErrorsCommand.Usage, GraphCommand.Usage, ServeCommand.Usage, DoctorCommand.Usage, DataCommand.Usage, PredictorCommand.Usage, PredictorTrainCommand.TrainUsage, PredictorTrainCommand.ListUsage, BlobCommand.Usage,
                 BenchCommand.Usage, MutateCommand.Usage, TasksCommand.Usage, SpaceCommand.Usage, SupernetCommand.Usage, SubnetCommand.Usage, ExportCommand.Usage,
             })
    {
        Console.WriteLine($"  nasp {usage}");
    }

    Console.WriteLine();
    Console.WriteLine("Servers: ConnectionStrings__Postgres (always), RabbitMq__Uri (else all stages run in-process),");
    Console.WriteLine("RabbitMq__ManagementUri (for `errors`). ./scripts/servers.sh env prints them for the private servers.");
    return code;
}
