using System.CommandLine;
using System.Globalization;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Costs;
using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;

namespace NasPipeline.Cli.Commands;

/// <summary><c>nasp chain train</c>: a MobileNetV2-like chain trained on Fashion-MNIST classification and written as an
/// ONNX classifier, the seed <c>nasp adapt</c> starts from.</summary>
public static class ChainCommand
{
    public static Command Create()
    {
        var outPath = CliOptions.Text("--out", "Write the trained classifier's ONNX here.", "SEED.onnx");
        var training = new TrainingCliOptions();
        var train = new Command("train", "Train the MobileNetV2-like seed chain (16 | 24/s2 | 32/s2 | 48/s1 | 64/s2, two k3e6 blocks each) on classification.")
        {
            outPath,
        };
        training.AddTo(train);
        train.Options.Add(DeviceOption.Create());
        train.SetCliAction((parse, output, _) => TrainAsync(parse.GetValue(outPath), parse.GetValue(training.Epochs), parse.GetValue(training.Images),
            parse.GetValue(training.EvaluationImages), parse.GetValue(training.Seed), parse.GetValue(training.Threads), parse.GetValue(training.Data), output));
        return new Command("chain", "MobileNetV2-like chains, FNA's seed networks.") { train };
    }

    private static async Task<int> TrainAsync(string? outPath, int epochs, int images, int evaluationImages, int seed, int threads, string? data, TextWriter output)
    {
        if (outPath is null)
        {
            throw new CliUsageException("Give --out SEED.onnx: where the trained classifier goes.");
        }

        if (epochs < 1)
        {
            throw new CliUsageException("--epochs is at least 1.");
        }

        var (trainImages, validationImages) = FnaImages.Load(data, images, evaluationImages);
        CliTorch.Initialise(threads);
        var task = TaskRegistry.CreateDefault().Get("classification");
        var (network, head) = TaskTrainer.CreateModel(task, () => new ChainNetwork(ChainArchitecture.MobileNetV2Like()), seed);
        var recipe = task.DefaultRecipe;
        new TaskTrainer(network, head, task, new TrainerOptions(epochs, recipe.BatchSize, recipe.LearningRate, recipe.WeightDecay, seed))
            .Train(task.Prepare(trainImages, seed: 1), FnaProgress.Training("train", Console.Error));
        var metric = TaskEvaluator.Evaluate(network, head, task, task.Prepare(validationImages, seed: 2));
        var chain = (ChainNetwork)network;
        await File.WriteAllBytesAsync(outPath, ChainOnnx.WriteClassifier(chain, head, task.InputSize));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"chain   {chain.Architecture.Describe()}\ntop1    {metric:F4} on {evaluationImages} validation images after {epochs} epochs on {images} images\nwrote   {outPath}"));
        return 0;
    }
}
