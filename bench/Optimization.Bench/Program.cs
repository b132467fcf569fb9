using System.Text.Json;
using NasPipeline.Contracts.Json;
using NasPipeline.Optimization.Bench;
using NasPipeline.Optimization.Benchmarks;

var arguments = BenchArguments.Parse(args);
var json = OutputJson.Options;

if (arguments.Summarize is { } directory)
{
    Console.WriteLine(MarkdownTables.DtlzHeader);
    var results = Directory.GetFiles(directory, "*.json")
        .Select(path => JsonSerializer.Deserialize<DtlzResult>(File.ReadAllText(path), json)!)
        .OrderBy(r => r.Problem).ThenBy(r => r.Objectives);
    foreach (var result in results) Console.WriteLine(MarkdownTables.DtlzRow(result));
    return;
}

if (arguments.Speed)
{
    var speeds = SpeedBenchmark.RunStandardCases();
    if (arguments.Json)
    {
        Console.WriteLine(JsonSerializer.Serialize(speeds, json));
        return;
    }
    Console.WriteLine(MarkdownTables.SpeedHeader);
    foreach (var speed in speeds) Console.WriteLine(MarkdownTables.SpeedRow(speed));
    Console.WriteLine(MarkdownTables.SpeedVerdict(speeds[0]));
    return;
}

var cell = DtlzBenchmark.Run(arguments.Problem, arguments.Objectives, arguments.Seeds, arguments.Generations,
    line => Console.Error.WriteLine(line));
var text = JsonSerializer.Serialize(cell, json);
if (arguments.Out is { } path)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    File.WriteAllText(path, text);
}
if (arguments.Json)
{
    Console.WriteLine(text);
}
else
{
    Console.WriteLine(MarkdownTables.DtlzHeader);
    Console.WriteLine(MarkdownTables.DtlzRow(cell));
}
