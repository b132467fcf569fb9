using System.Globalization;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Cli.Commands;

/// <summary>What every command that trains AIO-P's GNN on this CPU needs: libtorch started, and progress on stderr.</summary>
internal static class GnnCli
{
    public static void InitialiseTorch()
    {
        try
        {
            CliTorch.Initialise(Math.Min(Environment.ProcessorCount, 4));
        }
        catch (TorchUnavailableException e)
        {
            throw new CliUsageException($"The GNN needs libtorch: {e.Message}");
        }
    }

    /// <summary>One stderr line per tenth of the epochs, so a long fit shows it is moving.</summary>
    public static GnnTrainingOptions WithProgress(GnnTrainingOptions options, string label)
    {
        var every = Math.Max(1, options.Epochs / 10);
        return options with
        {
            EpochDone = (epoch, loss) =>
            {
                if (epoch % every == 0 || epoch == options.Epochs)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: epoch {epoch}/{options.Epochs}, loss {loss:F4}"));
                }
            },
        };
    }
}
