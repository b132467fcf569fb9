using System.Diagnostics;
using NasPipeline.OnnxNetworks;
using NasPipeline.OnnxNetworks.Backbone;
using NasPipeline.Supernet;
using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.PseudoLabels.Networks;

/// <summary>
/// AIO-P's pseudo-label for a network that is not a point of the space: a submitted ONNX model (or one of its mutants)
/// starts from its own weights instead of inherited ones. Its feature maps reach a copy of the task's shared head
/// through a learned <see cref="FeatureProjection"/>; everything the network's finest feature level is computed from
/// (its stem and first stage) keeps its weights; the rest, the projection and the head copy get the same brief
/// fine-tune as a subnet's label (<see cref="PseudoLabeler"/>), then the task metric on the validation split. The
/// shared head and the model's bytes are left as they were. BatchNormalization nodes the exporter kept follow the whole
/// network's training mode, so the frozen part's statistics do move with the fine-tune's batches.
/// </summary>
public static class NetworkPseudoLabeler
{
    /// <param name="declaredInput">The model's image input, -1 where free (see <see cref="Adaptation.Networks.DeclaredInput"/>).</param>
    /// <param name="headFeatures">The levels the shared head reads (the supernet's).</param>
    /// <param name="headGrids">Each head level's [height, width] on the task's images (<see cref="GridsOf"/>).</param>
    /// <exception cref="OnnxNetworkException">The interpreter cannot run the model, or it has no feature map to read.</exception>
    public static PseudoLabel Label(byte[] onnx, IReadOnlyList<long> declaredInput, nn.Module<Tensor[], Tensor> sharedHead, FeatureSpec headFeatures,
        IReadOnlyList<long[]> headGrids, IVisionTask task, TaskData train, TaskData validation, PseudoLabelOptions options)
    {
        var clock = Stopwatch.StartNew();
        using var tuned = FineTune(onnx, declaredInput, sharedHead, headFeatures, headGrids, task, train, options);
        var value = TaskEvaluator.Evaluate(tuned.Body, tuned.Head, task, validation);
        return new PseudoLabel(value, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The label's fine-tune alone: the network, read through its projection, with the head copy, after the brief
    /// fine-tune (what <see cref="Label"/> then measures).</summary>
    public static FineTunedNetwork FineTune(byte[] onnx, IReadOnlyList<long> declaredInput, nn.Module<Tensor[], Tensor> sharedHead, FeatureSpec headFeatures,
        IReadOnlyList<long[]> headGrids, IVisionTask task, TaskData train, PseudoLabelOptions options)
    {
        var (channels, size) = ImageShape(train);
        var network = OnnxNetwork.Load(onnx, new OnnxNetworkOptions(SeedForMissingWeights: options.Seed));
        FeatureProjection? projection = null;
        nn.Module<Tensor[], Tensor>? head = null;
        ProjectedBackbone? body = null;
        try
        {
            var backbone = OnnxBackbone.Create(network, declaredInput, channels, size);
            projection = new FeatureProjection(backbone.Features, headFeatures, headGrids, options.Seed);
            body = new ProjectedBackbone(backbone, projection, headFeatures);
            head = task.CreateHead(headFeatures);
            head.load_state_dict(sharedHead.state_dict());

            var frozen = network.ParametersUpTo(backbone.Taps[0].Value).Select(p => p.Handle).ToHashSet();
            var frozenNames = body.Module.named_parameters().Where(p => frozen.Contains(p.parameter.Handle)).Select(p => p.name).ToHashSet(StringComparer.Ordinal);
            PseudoLabeler.FineTune(body, head, task, train, options, frozenNames.Contains);
            return new FineTunedNetwork(network, projection, body, head, frozenNames);
        }
        catch
        {
            head?.Dispose();
            projection?.Dispose();
            network.Dispose();
            body?.Dispose();
            throw;
        }
    }

    /// <summary>The grid of each of the supernet's feature levels on the task's images, from one blank image through its
    /// largest subnet (the latent population holds the resolution there, so the shared head trained on these grids).</summary>
    public static IReadOnlyList<long[]> GridsOf(ISupernet supernet, TaskData data)
    {
        var (channels, size) = ImageShape(data);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var wasTraining = supernet.Module.training;
        supernet.Module.eval();
        supernet.Activate(supernet.Space.Largest);
        var grids = supernet.Forward(zeros(1, channels, size, size)).Select(f => new[] { f.shape[2], f.shape[3] }).ToList();
        supernet.Module.train(wasTraining);
        return grids;
    }

    private static (int Channels, int Size) ImageShape(TaskData data)
    {
        using var probe = data.Batch([0]);
        return ((int)probe.Inputs.shape[1], (int)probe.Inputs.shape[^1]);
    }
}
