using System.CommandLine;
using System.Globalization;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Cli.Output;
using NasPipeline.ComputationGraph;

namespace NasPipeline.Cli.Commands;

/// <summary><c>graph</c>: extracts a computation graph locally, no server, no run.</summary>
public static class GraphCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL.onnx") { Description = "The ONNX file." };
        var inputs = CliOptions.InputShapes();
        var json = CliOptions.Json("Print the whole graph (nodes, edges, macs, params) as JSON.");
        var command = new Command("graph", "Extract a model's computation graph locally (no server): nodes, edges, total MACs and params. " +
                                           "A symbolic leading batch dim is taken as 1.") { model, inputs, json };
        command.SetCliAction((parse, output, _) => RunAsync(parse.GetRequiredValue(model), parse.GetValue(inputs) ?? [], parse.GetValue(json), output));
        return command;
    }

    public static async Task<int> RunAsync(string path, IReadOnlyList<string> shapes, bool json, TextWriter output)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"No such file: {path}");
        }

        List<InputShape> inputs;
        try
        {
            inputs = shapes.Select(InputShape.Parse).ToList();
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }

        var options = new ExtractionOptions
        {
            InputShapes = inputs.Count > 0 ? inputs : null,
            SymbolicBatchAsOne = true,
            Notice = notice => Console.Error.WriteLine($"note: {notice} Pass --input to choose."),
        };

        ComputationGraph.ComputationGraph graph;
        try
        {
            graph = new OnnxGraphExtractor().Extract(path, options);
        }
        catch (GraphExtractionException e)
        {
            await Console.Error.WriteLineAsync($"error: {path}: {e.Message} ({e.Kind})");
            return 1;
        }

        if (json)
        {
            // The tools' style, not the stored graph's (ComputationGraphJson): that one is content-hashed, so it keeps its names.
            await output.WriteLineAsync(CliJson.Serialize(graph));
            return 0;
        }

        await output.WriteLineAsync($"{"id",5}  {"op",-22} {"output",-20} {"kernel",-7} {"stride",-7} {"groups",6} {"macs",14} {"params",12}  name");
        foreach (var n in graph.Nodes)
        {
            var shape = n.OutputShapes.Count > 0 ? Units.Shape(n.OutputShapes[0]) : "";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{n.Id,5}  {n.OpType,-22} {shape,-20} {Dims(n.Kernel),-7} {Dims(n.Stride),-7} {n.Groups,6} {n.Macs,14:N0} {n.Params,12:N0}  {n.Name}"));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"model   {graph.Model.Producer} {graph.Model.ProducerVersion}, IR {graph.Model.IrVersion}, opset {graph.Model.Opset}");
        await output.WriteLineAsync($"nodes   {graph.Nodes.Count}");
        await output.WriteLineAsync($"edges   {graph.Edges.Count}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"macs    {graph.TotalMacs:N0} ({Units.Si(graph.TotalMacs)})"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"params  {graph.TotalParams:N0} ({Units.Si(graph.TotalParams)})"));
        return 0;
    }

    private static string Dims(IReadOnlyList<long>? dims) => dims is null ? "-" : Units.Shape(dims);
}
