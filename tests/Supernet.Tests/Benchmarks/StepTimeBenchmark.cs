using System.Diagnostics;
using NasPipeline.Supernet.Elastic;
using NasPipeline.Supernet.Network;
using NasPipeline.Supernet.Tests.Fixtures;
using NasPipeline.Supernet.Training;
using NasPipeline.TorchRuntime.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Tests.Benchmarks;

/// <summary>
/// Step times at batch 128 on 2 threads for an mbv3-28-sized supernet (OFA-like ranges scaled to 28 x 28).
/// Runs only with SUPERNET_BENCH=1, so the test suite stays within its budget.
/// </summary>
public sealed class StepTimeBenchmark(ITestOutputHelper output)
{
    private static readonly GridSpace Space = new("mbv3-28-like", 2);

    [Fact]
    public void Step_times_at_batch_128()
    {
        if (Environment.GetEnvironmentVariable("SUPERNET_BENCH") != "1")
        {
            return;
        }

        Torch.Ready();
        var design = new Mbv3Like();
        var supernet = new ElasticSupernet(Space, design, seed: 1);
        var task = new QuadrantTask();
        var trainer = new SupernetTrainer(supernet, task, new SupernetTrainingOptions(1, 128, 0.05, 0, Seed: 1, GradientProjection: true));
        var data = new QuadrantData(128, seed: 1);
        using var batch = data.Batch([.. Enumerable.Range(0, 128)]);
        var head = trainer.Head;
        var parameters = supernet.Module.parameters().Concat(head.parameters()).ToList();
        using var optimizer = new MomentumSgd(parameters, 0.01, 0.9);

        // Median and best of the repeats: a shared 2-core machine makes single timings swing several-fold.
        string Time(IReadOnlyList<int> encoding, int repeats = 5)
        {
            supernet.Activate(encoding);
            supernet.Module.train();
            var times = new List<double>();
            for (var i = 0; i < repeats + 1; i++)
            {
                var clock = Stopwatch.StartNew();
                using var scope = NewDisposeScope();
                optimizer.ZeroGrad();
                task.Loss(head.call(supernet.Forward(batch.Inputs)), batch).backward();
                optimizer.Step();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            var sorted = times.Skip(1).Order().ToList();
            return $"median {sorted[repeats / 2]:F0} ms, best {sorted[0]:F0} ms";
        }

        output.WriteLine($"params largest {supernet.Module.parameters().Sum(p => p.numel())}, smallest {supernet.Extract(Space.Smallest).Module.parameters().Sum(p => p.numel())}");
        output.WriteLine($"largest subnet step (fwd+bwd+SGD), batch 128: {Time(Space.Largest)}");
        output.WriteLine($"smallest subnet step, batch 128: {Time(Space.Smallest)}");
        var sandwich = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            var r = trainer.Step(batch);
            sandwich.Add(128 / r.ImagesPerSecond * 1000);
        }

        var steps = sandwich.Skip(1).Order().ToList();
        output.WriteLine($"sandwich step (4 subnets, projection on), batch 128: median {steps[1]:F0} ms, best {steps[0]:F0} ms");
    }

    /// <summary>One gene: 0 = the smallest point, 1 = the largest (enough for timing).</summary>
    private sealed class Mbv3Like : ISupernetDesign
    {
        public SupernetBlueprint Blueprint { get; } = new(1, 28, 16, 2,
        [
            Stage(24, 1, 2, se: false, Activation.Relu, 32),
            Stage(40, 2, 3, se: true, Activation.Relu, 64),
            Stage(80, 2, 3, se: false, Activation.HardSwish, null),
            Stage(112, 1, 3, se: true, Activation.HardSwish, 128),
        ]);

        public SubnetConfig Decode(IReadOnlyList<int> encoding) => encoding.Sum() == 0
            ? new SubnetConfig(20, 8, Blueprint.Stages.Cast<ConvStageBlueprint>().Select(s => (StageConfig)new ConvStageConfig(s.Width / 2, [new(3, 3)])).ToArray())
            : new SubnetConfig(28, 16, Blueprint.Stages.Cast<ConvStageBlueprint>().Select(s => (StageConfig)new ConvStageConfig(s.Width, s.Layers.Select(_ => new ConvLayerConfig(7, 6)).ToArray())).ToArray());

        private static ConvStageBlueprint Stage(int width, int stride, int depth, bool se, Activation activation, int? feature) =>
            new(width, stride, Enumerable.Repeat(new ConvLayerBlueprint(7, 6), depth).ToArray(), se, activation, feature);
    }
}
