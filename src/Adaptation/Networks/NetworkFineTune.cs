using System.Diagnostics;
using System.Text;
using NasPipeline.Adaptation.Nat;
using NasPipeline.TorchRuntime;
using NasPipeline.TorchRuntime.Training;
using NasPipeline.Vision.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Networks;

/// <summary>
/// FNA's parameter adaptation of one network for one task, in resumable chunks: AdamW over the network's weights and
/// its head with the task's loss, cosine-decayed over the whole schedule, each step's batch fixed by the seed
/// (<see cref="SeededBatches"/>). The network starts from its own weights: for the mutation search's kept network these
/// are the submitted model's, sliced to the kept channels, kernels and blocks (FNA's width, kernel and depth remapping).
/// With a <see cref="FineTuneTeacher"/>, each step adds the task's distillation loss towards the teacher's prediction.
/// </summary>
public sealed class NetworkFineTune : IDisposable
{
    private const string Magic = "NASP-NETWORK-FINETUNE";
    private const int Version = 1;

    private readonly TrainableNetwork _network;
    private readonly IVisionTask _task;
    private readonly AdaptationSchedule _schedule;
    private readonly AdamOptimizer _optimizer;
    private readonly FineTuneTeacher? _teacher;

    public NetworkFineTune(TrainableNetwork network, IVisionTask task, AdaptationSchedule schedule, FineTuneTeacher? teacher = null)
    {
        _network = network;
        _task = task;
        _schedule = schedule;
        _teacher = teacher;
        _optimizer = new AdamOptimizer([.. network.Backbone.Module.parameters(), .. network.Head.parameters()],
            new AdamOptions(schedule.LearningRate, schedule.WeightDecay));
    }

    /// <summary>Steps [<paramref name="fromStep"/>, <paramref name="toStep"/>); returns their mean task loss.</summary>
    public AdaptationChunkResult Train(TaskData data, int fromStep, int toStep, IProgress<int>? stepsDone = null, CancellationToken cancellation = default)
    {
        var batches = new SeededBatches(_schedule.Seed, data.Count, _schedule.BatchSize);
        var clock = Stopwatch.StartNew();
        var loss = 0.0;
        _network.Backbone.Module.train();
        _network.Head.train();
        for (var step = fromStep; step < toStep; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            _optimizer.ZeroGrad();
            using var batch = data.Batch(batches.At(step));
            var prediction = _network.Head.call(_network.Backbone.Forward(batch.Inputs));
            var stepLoss = _task.Loss(prediction, batch);
            if (_teacher is { } teacher)
            {
                // Scalars held across the native calls (see TorchRuntime.HeldScalars).
                using var weight = teacher.Weight.ToScalar();
                stepLoss = stepLoss.add(_task.DistillationLoss(prediction, teacher.Predict(batch.Inputs)), weight);
            }

            stepLoss.backward();
            _optimizer.LearningRate = _schedule.LearningRateAt(step);
            _optimizer.Step();
            loss += stepLoss.item<float>();
            stepsDone?.Report(step + 1);
        }

        return new AdaptationChunkResult(toStep - fromStep, loss / Math.Max(1, toStep - fromStep), clock.Elapsed.TotalSeconds);
    }

    /// <summary>Everything the next chunk needs: the network's weights and BatchNorm statistics, the head's, and the
    /// optimizer's moments.</summary>
    public byte[] SaveState()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            ModuleBytes.Write(writer, _network.Network);
            ModuleBytes.Write(writer, _network.Head);
            _optimizer.SaveState(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Continues from <see cref="SaveState"/>'s bytes, taken from a network built the same way.</summary>
    public void RestoreState(byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state), Encoding.UTF8);
        ReadWeights(reader, _network);
        _optimizer.LoadState(reader);
    }

    /// <summary>Only the network's and head's weights from <see cref="SaveState"/>'s bytes: what measuring needs, with no
    /// optimizer to build.</summary>
    public static void RestoreWeights(TrainableNetwork network, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state), Encoding.UTF8);
        ReadWeights(reader, network);
    }

    private static void ReadWeights(BinaryReader reader, TrainableNetwork network)
    {
        if (reader.ReadString() != Magic || reader.ReadInt32() != Version)
        {
            throw new InvalidDataException($"Not a network fine-tune state of format {Version}.");
        }

        ModuleBytes.Read(reader, network.Network);
        ModuleBytes.Read(reader, network.Head);
    }

    public void Dispose() => _optimizer.Dispose();
}
