using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Predictors.Gnn.Evaluation;

namespace NasPipeline.Cli.Commands;

/// <summary>The GNN options <c>predictor eval</c> and <c>predictor train</c> share: added to a command, read back checked.</summary>
internal sealed class GnnOptions
{
    private static readonly GnnTrainingOptions Defaults = new();

    private readonly Option<string?> _pretrain = CliOptions.Text("--pretrain", "gnn-adapter: the dataset the base GNN is pretrained on (default: --data).", "DATA2.jsonl");
    private readonly Option<string?> _pretrainTask = CliOptions.Text("--pretrain-task", "gnn-adapter: the metric the base GNN is pretrained on.", "T2");
    private readonly Option<int?> _pretrainSize = CliOptions.OptionalInt("--pretrain-size", "gnn-adapter: pretrain on this many seeded architectures (default: all).", "M");
    private readonly Option<int> _pretrainEpochs = CliOptions.Int("--pretrain-epochs", 50, "gnn-adapter: epochs of pretraining.", "E2");
    private readonly Option<string> _transform = new("--label-transform")
    {
        Description = "How labels are transformed for training (predictions are inverted before the metrics): none, stand or stand_flops.",
        HelpName = "none|stand|stand_flops",
        DefaultValueFactory = _ => "stand",
    };

    private readonly Option<int> _epochs = CliOptions.Int("--epochs", Defaults.Epochs, "Training epochs.", "E");
    private readonly Option<int> _batch = CliOptions.Int("--batch", Defaults.Batch, "Graphs per training batch.", "B");
    private readonly Option<int> _adapters = CliOptions.Int("--adapters", Defaults.Adapters, "gnn-adapter: K-Adapters trained over the frozen base.", "K");
    private readonly Option<string?> _lr = CliOptions.Text("--lr", $"Learning rate (default {Defaults.LearningRate}).", "LR");

    public void AddTo(Command command)
    {
        Option[] options = [_pretrain, _pretrainTask, _pretrainSize, _pretrainEpochs, _transform, _epochs, _batch, _adapters, _lr];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    public string? PretrainTask(ParseResult parse) => parse.GetValue(_pretrainTask);

    /// <summary>Null for the encoding models (ridge, rbf), which take none of these options.</summary>
    public GnnEvalSettings? Read(ParseResult parse, string model) => GnnEvalSettings.Read(
        new GnnOptionValues(parse.GetValue(_pretrain), parse.GetValue(_pretrainTask), parse.GetValue(_pretrainSize), parse.GetValue(_pretrainEpochs),
            parse.GetValue(_transform) ?? "stand", parse.GetValue(_epochs), parse.GetValue(_batch), parse.GetValue(_adapters), parse.GetValue(_lr)),
        model);
}
