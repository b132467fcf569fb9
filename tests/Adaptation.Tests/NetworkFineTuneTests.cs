using NasPipeline.Adaptation.Nat;
using NasPipeline.Adaptation.Networks;
using NasPipeline.Tests.Shared.Fixtures;
using NasPipeline.Tests.Shared.Onnx;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Tasks.Classification;
using NasPipeline.Vision.Tasks.Segmentation;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Tests;

/// <summary>A submitted ONNX network fine-tuned for a task (FNA's parameter adaptation), on small_cnn_28 (a 28x28 classifier
/// that carries its weights) and made-up images.</summary>
public sealed class NetworkFineTuneTests
{
    private static readonly byte[] SmallCnn = File.ReadAllBytes(Path.Combine(OnnxFixtureFolder.Find(), "small_cnn_28.onnx"));
    private static readonly long[] Declared = [1, 1, 28, 28];
    private static readonly ClassificationTask Classification = new();

    [Fact]
    public void A_classifier_is_fine_tuned_through_its_own_output_and_a_task_it_does_not_do_gets_a_head_on_its_feature_maps()
    {
        using var classifier = TrainableNetwork.Create(SmallCnn, Classification, Declared, 1, 28, seed: 1);
        using var segmenter = TrainableNetwork.Create(SmallCnn, new SegmentationTask(), Declared, 1, 28, seed: 1);

        Assert.StartsWith("the network's own output", classifier.HeadDescription, StringComparison.Ordinal);
        Assert.Empty(classifier.Head.parameters());
        using var images = rand(4, 1, 28, 28, generator: new TorchSharp.torch.Generator(3));
        using var logits = classifier.Head.call(classifier.Backbone.Forward(images));
        classifier.Network.eval();
        using var direct = classifier.Network.forward(images);
        Assert.Equal([4L, 10], logits.shape);
        Assert.True(logits.allclose(direct));
        Assert.StartsWith("a fresh segmentation head on ", segmenter.HeadDescription, StringComparison.Ordinal);
        Assert.NotEmpty(segmenter.Head.parameters());
    }

    [Fact]
    public void A_fine_tune_cut_into_chunks_and_resumed_from_its_saved_state_ends_with_an_uninterrupted_ones_weights()
    {
        var data = Images(count: 96, seed: 5);
        var schedule = new AdaptationSchedule(TotalSteps: 6, BatchSize: 16, LearningRate: 5e-3, WeightDecay: 1e-4, Seed: 9);

        var whole = Trained(data, schedule, (0, 6));
        byte[] state;
        using (var first = TrainableNetwork.Create(SmallCnn, Classification, Declared, 1, 28, seed: 1))
        using (var fineTune = new NetworkFineTune(first, Classification, schedule))
        {
            fineTune.Train(data, 0, 3);
            state = fineTune.SaveState();
        }

        using var resumed = TrainableNetwork.Create(SmallCnn, Classification, Declared, 1, 28, seed: 1);
        using (var fineTune = new NetworkFineTune(resumed, Classification, schedule))
        {
            fineTune.RestoreState(state);
            fineTune.Train(data, 3, 6);
        }

        Assert.Equal(whole, resumed.ToOnnx());
        Assert.NotEqual(SmallCnn, whole);
    }

    [Fact]
    public void Fine_tuning_lowers_the_loss_and_the_written_onnx_runs_in_onnx_runtime_as_the_trained_network_does()
    {
        var data = Images(count: 64, seed: 6);
        var schedule = new AdaptationSchedule(TotalSteps: 40, BatchSize: 16, LearningRate: 1e-2, WeightDecay: 0, Seed: 2);
        using var network = TrainableNetwork.Create(SmallCnn, Classification, Declared, 1, 28, seed: 1);
        using var fineTune = new NetworkFineTune(network, Classification, schedule);

        var first = fineTune.Train(data, 0, 4).MeanLoss;
        fineTune.Train(data, 4, 36);
        var last = fineTune.Train(data, 36, 40).MeanLoss;

        Assert.True(last < 0.5 * first, $"loss {first:F3} -> {last:F3}");
        var input = new float[28 * 28];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (i * 37 % 101) / 101f;
        }

        network.Network.eval();
        using var expected = network.Network.forward(tensor(input, [1, 1, 28, 28]));
        var actual = OnnxRuntimeRun.On(network.ToOnnx(), [1, 1, 28, 28], input).Values.Single();
        Assert.Equal([1L, 10], actual.Shape);
        var values = expected.data<float>().ToArray();
        Assert.All(values.Zip(actual.Values), p => Assert.InRange(p.Second - p.First, -1e-4, 1e-4));
    }

    [Fact]
    public void A_teacher_pulls_the_fine_tuned_network_towards_its_predictions_and_a_teacher_of_weight_zero_changes_nothing()
    {
        // The teacher learnt the next quadrant's label, so agreeing with it means having listened to it.
        var data = Images(count: 64, seed: 7);
        var schedule = new AdaptationSchedule(TotalSteps: 30, BatchSize: 16, LearningRate: 5e-3, WeightDecay: 0, Seed: 4);
        using var teacherNetwork = TrainableNetwork.Create(SmallCnn, Classification, Declared, 1, 28, seed: 1);
        using (var teach = new NetworkFineTune(teacherNetwork, Classification, schedule with { TotalSteps = 40, LearningRate = 1e-2 }))
        {
            teach.Train(Images(count: 64, seed: 7, labelShift: 1), 0, 40);
        }

        var teacher = new FineTuneTeacher(teacherNetwork, weight: 1.0);
        using var alone = TrainableNetwork.Create(SmallCnn, Classification, Declared, 1, 28, seed: 1);
        using var distilled = TrainableNetwork.Create(SmallCnn, Classification, Declared, 1, 28, seed: 1);
        using var weightless = TrainableNetwork.Create(SmallCnn, Classification, Declared, 1, 28, seed: 1);
        foreach (var (network, withTeacher) in new[] { (alone, (FineTuneTeacher?)null), (distilled, teacher), (weightless, new FineTuneTeacher(teacherNetwork, 0)) })
        {
            using var fineTune = new NetworkFineTune(network, Classification, schedule, withTeacher);
            fineTune.Train(data, 0, schedule.TotalSteps);
        }

        Assert.Equal(alone.ToOnnx(), weightless.ToOnnx());
        using var batch = data.Batch([.. Enumerable.Range(0, data.Count)]);
        using var taught = teacher.Predict(batch.Inputs).argmax(1);
        double Agreement(TrainableNetwork network)
        {
            network.Network.eval();
            using var noGrad = no_grad();
            using var predicted = network.Head.call(network.Backbone.Forward(batch.Inputs)).argmax(1);
            using var agree = predicted.eq(taught).to_type(ScalarType.Float32).mean();
            return agree.item<float>();
        }

        Assert.True(Agreement(distilled) > Agreement(alone) + 0.25,
            $"agreement with the teacher: distilled {Agreement(distilled):P0}, alone {Agreement(alone):P0}");
    }

    private static byte[] Trained(TaskData data, AdaptationSchedule schedule, (int From, int To) steps)
    {
        using var network = TrainableNetwork.Create(SmallCnn, Classification, Declared, 1, 28, seed: 1);
        using var fineTune = new NetworkFineTune(network, Classification, schedule);
        fineTune.Train(data, steps.From, steps.To);
        return network.ToOnnx();
    }

    /// <summary>Images whose label is the quadrant their bright square sits in (plus <paramref name="labelShift"/>, modulo
    /// 4): learnable in a few dozen steps.</summary>
    private static TaskData Images(int count, int seed, int labelShift = 0)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 28 * 28];
        var labels = new byte[count];
        for (var n = 0; n < count; n++)
        {
            labels[n] = (byte)random.Next(4);
            var (top, left) = (labels[n] / 2 * 14 + 3, labels[n] % 2 * 14 + 3);
            labels[n] = (byte)((labels[n] + labelShift) % 4);
            for (var y = top; y < top + 8; y++)
            {
                for (var x = left; x < left + 8; x++)
                {
                    pixels[(n * 28 * 28) + (y * 28) + x] = 255;
                }
            }
        }

        return Classification.Prepare(new ImageSet(pixels, labels, count, 28, 28), seed);
    }
}
