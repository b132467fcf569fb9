using System.CommandLine;
using NasPipeline.Cli.CommandLine;

namespace NasPipeline.Cli.Commands;

/// <summary>The options of the commands that train a network from scratch on Fashion-MNIST (<c>chain train</c>, <c>train</c>).</summary>
internal sealed class TrainingCliOptions
{
    public Option<int> Epochs { get; } = CliOptions.Int("--epochs", 3, "Training epochs.", "E");

    public Option<int> Images { get; } = CliOptions.Int("--images", 6000, "Training images (the first of the training split).");

    public Option<int> EvaluationImages { get; } = CliOptions.Int("--eval-images", 5000, "Validation images to measure on.");

    public Option<int> Seed { get; } = CliOptions.Int("--seed", 0, "Initialisation and batch order.");

    public Option<int> Threads { get; } = CliOptions.Int("--threads", 2, "Torch CPU threads.", "T");

    public Option<string?> Data { get; } = CliOptions.Text("--data", $"The Fashion-MNIST folder (default {Vision.Data.FashionMnistOptions.DefaultFolder}).", "FOLDER");

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Epochs, Images, EvaluationImages, Seed, Threads, Data })
        {
            command.Options.Add(option);
        }
    }
}
