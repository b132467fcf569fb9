using NasPipeline.OnnxNetworks;
using NasPipeline.OnnxNetworks.Backbone;
using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Networks;

/// <summary>
/// A submitted (or kept) ONNX network made trainable for one task: the interpreter over its graph, with its own weights
/// (missing ones seeded), the task's images adapted to its input (<see cref="InputPolicy"/>), and a head: the network's
/// own first output when the task reads it (a classifier's logits), else the task's head on the feature maps the
/// network is tapped at. Building it twice from the same bytes, task and seed gives the same weights.
/// </summary>
public sealed class TrainableNetwork : IDisposable
{
    private TrainableNetwork(OnnxNetwork network, IBackbone backbone, nn.Module<Tensor[], Tensor> head, string inputPolicy, string headDescription)
    {
        Network = network;
        Backbone = backbone;
        Head = head;
        InputPolicy = inputPolicy;
        HeadDescription = headDescription;
    }

    public OnnxNetwork Network { get; }

    public IBackbone Backbone { get; }

    public nn.Module<Tensor[], Tensor> Head { get; }

    /// <summary>How the task's images reach the network, in words (recorded in the run).</summary>
    public string InputPolicy { get; }

    /// <summary>What makes the prediction, in words (recorded in the run).</summary>
    public string HeadDescription { get; }

    /// <param name="declaredInput">The network's input shape, -1 where free (see <see cref="DeclaredInput"/>).</param>
    /// <param name="taskChannels">Channels of the task's images.</param>
    /// <param name="taskSize">Side of the task's square images.</param>
    /// <param name="unfoldBatchNorm">For training from scratch: a fresh BatchNorm after every convolution an exporter
    /// folded one into (<see cref="OnnxNetworkOptions.UnfoldBatchNorm"/>; folded back when written).</param>
    public static TrainableNetwork Create(
        byte[] onnx, IVisionTask task, IReadOnlyList<long> declaredInput, int taskChannels, int taskSize, int seed, bool unfoldBatchNorm = false)
    {
        var network = OnnxNetwork.Load(onnx, new OnnxNetworkOptions(UnfoldBatchNorm: unfoldBatchNorm, SeedForMissingWeights: seed));
        try
        {
            if (network.InputNames.Count != 1)
            {
                throw new OnnxNetworkException($"A network fine-tuned for a task reads one image input; this one has {network.InputNames.Count} ({string.Join(", ", network.InputNames)}).");
            }

            var input = InputAdaptation.Choose(declaredInput, taskChannels, taskSize);
            if (task is IReadsNetworkOutput reads && OutputShape(network, input, taskChannels, taskSize) is { } shape && reads.ReadsOutput(shape))
            {
                return new TrainableNetwork(network, new NetworkOutputBackbone(network, input, (int)shape[^1]), new NetworkOutputHead(), input.Describe(),
                    $"the network's own output '{network.OutputNames[0]}' ({string.Join("x", shape.Skip(1))})");
            }

            var backbone = OnnxBackbone.Create(network, declaredInput, taskChannels, taskSize);
            random.manual_seed(seed);
            var head = task.CreateHead(backbone.Features);
            return new TrainableNetwork(network, backbone, head, input.Describe(),
                $"a fresh {task.Name} head on {string.Join(", ", backbone.Taps.Select(t => $"'{t.Value}' ({t.Channels} channels, stride {t.Stride})"))}");
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>The trained network as ONNX: the submitted graph with the fine-tuned weights (a fresh head is not part of it).</summary>
    public byte[] ToOnnx() => Network.ToOnnx();

    public void Dispose()
    {
        Head.Dispose();
        Network.Dispose();
    }

    private static long[]? OutputShape(OnnxNetwork network, InputAdaptation input, int taskChannels, int taskSize)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var trace = network.Trace(new Dictionary<string, Tensor> { [network.InputNames[0]] = input.Apply(zeros(1, taskChannels, taskSize, taskSize)) });
        return trace.LastOrDefault(v => v.Name == network.OutputNames[0]) is { IsFloat: true } output ? output.Shape : null;
    }
}
