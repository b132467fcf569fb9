using System.Diagnostics;
using NasPipeline.ComputationGraph;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Telemetry;
using NasPipeline.SearchSpaces;
using NasPipeline.SearchSpaces.Encoding;
using NasPipeline.SubmissionChecks;

namespace NasPipeline.Stages.GraphExtract;

/// <summary>
/// Turns a submission into its computation graph, once per run: the graph JSON goes to the blob store, the
/// <see cref="GraphExtracted"/> (or the rejection) to the run's stream, and the caller publishes it. A redelivered
/// submission gets the stored event back. A submission the <see cref="SubmissionCheck"/> refuses (a point out of range,
/// an unknown task, an option no stage serves) is rejected before anything is extracted: other clients than
/// <c>nasp submit</c> publish too, and a submission they did not append opens its run's stream here.
/// </summary>
public sealed class GraphExtractHandler(IBlobStore blobs, RunEventWriter writer, OnnxGraphExtractor extractor, SearchSpaceRegistry spaces, SubmissionCheck check)
{
    public const string StageName = "graph-extract";

    public Task<IReadOnlyList<IRunMessage>> HandleAsync(ModelSubmitted submission, CancellationToken cancellationToken) =>
        writer.DecideOnceAsync(submission.RunId, $"{StageName}/{submission.RunId}", RunFold.Nothing,
            async (_, token) => [await PipelineTelemetry.TraceAsync("extract", submission.RunId, () => DecideAsync(submission, token))], cancellationToken,
            opening: submission);

    private async Task<IRunMessage> DecideAsync(ModelSubmitted submission, CancellationToken cancellationToken)
    {
        if (await check.CheckAsync(submission, cancellationToken) is [var first, ..] problems)
        {
            return Reject(submission, first.Kind, string.Join(" ", problems.Select(p => p.Message)));
        }

        if (submission.Point is { } point)
        {
            return await ExtractPointAsync(submission, point, cancellationToken);
        }

        var onnx = submission.Onnx!;
        var bytes = await blobs.GetAsync(onnx.BlobHash, cancellationToken);
        if (bytes is null)
        {
            return Reject(submission, "ModelMissing",
                $"The model '{onnx.FileName}' (blob {onnx.BlobHash[..12]}) is not in the blob store; upload it before submitting.");
        }

        ExtractionOptions options;
        try
        {
            options = new ExtractionOptions { InputShapes = submission.InputShapes.Select(InputShape.Parse).ToList() };
        }
        catch (FormatException e)
        {
            return Reject(submission, "InvalidInputShape", e.Message);
        }

        return await ExtractAsync(submission, bytes, onnx.FileName, options, cancellationToken);
    }

    /// <summary>A point of a built-in space becomes that space's network (its input shape is fixed by the point). The
    /// check above has refused unknown spaces and invalid points; the decoding stays strict all the same.</summary>
    private async Task<IRunMessage> ExtractPointAsync(ModelSubmitted submission, SearchSpacePoint point, CancellationToken cancellationToken)
    {
        var space = spaces.Get(point.Space);
        byte[] bytes;
        try
        {
            bytes = space.ToOnnx(PointCheck.Canonical(space, point.Encoding));
        }
        catch (InvalidEncodingException e)
        {
            return Reject(submission, "InvalidEncoding", $"{point.Space}: {e.Message}");
        }

        return await ExtractAsync(submission, bytes, point.Space, ExtractionOptions.Default, cancellationToken);
    }

    private async Task<IRunMessage> ExtractAsync(
        ModelSubmitted submission, byte[] bytes, string fileName, ExtractionOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        ComputationGraph.ComputationGraph graph;
        try
        {
            graph = extractor.Extract(bytes, options);
        }
        catch (GraphExtractionException e)
        {
            return Reject(submission, e.Kind.ToString(), $"'{fileName}': {e.Message}");
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        var graphHash = await blobs.PutAsync(ComputationGraphJson.SerializeToUtf8Bytes(graph), BlobMediaTypes.Graph, cancellationToken);
        return new GraphExtracted(
            submission.RunId,
            graphHash,
            graph.Nodes.Count,
            graph.Edges.Count,
            graph.TotalMacs,
            graph.TotalParams,
            graph.Nodes.GroupBy(n => n.OpType, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            graph.Model.Producer,
            graph.Model.IrVersion,
            graph.Model.Opset,
            elapsed);
    }

    private static SubmissionRejected Reject(ModelSubmitted submission, string kind, string reason) =>
        new(submission.RunId, StageName, kind, reason, DateTimeOffset.UtcNow);
}
