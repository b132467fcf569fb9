using System.Globalization;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Predictors.Gnn.Labels;

namespace NasPipeline.Cli.Commands;

/// <summary>The GNN options of `predictor eval` and `predictor train`, checked before any data is loaded.</summary>
internal sealed record GnnEvalSettings(
    bool Adapter, string? PretrainData, string? PretrainTask, int? PretrainSize, int PretrainEpochs, string TransformName, GnnTrainingOptions Training)
{
    /// <summary>Null for the encoding models (which take none of these options).</summary>
    public static GnnEvalSettings? Read(GnnOptionValues values, string model)
    {
        var (pretrainData, pretrainTask, pretrainSize, pretrainEpochs, transformName, epochs, batch, adapters, lrText) = values;
        var defaults = new GnnTrainingOptions();
        if (model is not ("gnn" or "gnn-adapter"))
        {
            return null;
        }

        var adapter = model == "gnn-adapter";
        if (adapter && pretrainTask is null)
        {
            throw new CliUsageException("--model gnn-adapter trains adapters over a pretrained GNN: name its task with --pretrain-task T2 (and its data with --pretrain DATA2.jsonl, default --data).");
        }

        if (!adapter && (pretrainData is not null || pretrainTask is not null))
        {
            throw new CliUsageException("--pretrain and --pretrain-task go with --model gnn-adapter; --model gnn trains from scratch.");
        }

        if (epochs < 1 || batch < 1 || adapters < 1 || pretrainEpochs < 1 || pretrainSize < 1)
        {
            throw new CliUsageException("--epochs, --batch, --adapters, --pretrain-epochs and --pretrain-size must be at least 1.");
        }

        var lr = defaults.LearningRate;
        if (lrText is not null && (!double.TryParse(lrText, NumberStyles.Float, CultureInfo.InvariantCulture, out lr) || !(lr > 0)))
        {
            throw new CliUsageException($"--lr must be a positive number, not '{lrText}'.");
        }

        LabelTransformKind transform;
        try
        {
            transform = LabelTransform.Parse(transformName);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message.Split(" (Parameter", 2)[0]);
        }

        var training = defaults with { Epochs = epochs, Batch = batch, LearningRate = lr, Transform = transform, Adapters = adapters };
        return new GnnEvalSettings(adapter, pretrainData, pretrainTask, pretrainSize, pretrainEpochs, transformName, training);
    }
}

/// <summary>The GNN options as given on the command line (<see cref="GnnOptions"/>).</summary>
internal sealed record GnnOptionValues(
    string? PretrainData, string? PretrainTask, int? PretrainSize, int PretrainEpochs, string TransformName, int Epochs, int Batch, int Adapters, string? LearningRate);
