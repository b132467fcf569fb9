using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Cli.Commands;

/// <summary>Fashion-MNIST for the FNA commands: the first images of the training and validation splits.</summary>
internal static class FnaImages
{
    public static (ImageSet Train, ImageSet Validation) Load(string? folder, int trainImages, int validationImages)
    {
        if (trainImages is < 1 or > 55_000 || validationImages is < 1 or > 5_000)
        {
            throw new CliUsageException("--images is 1 to 55000 (training split), --eval-images 1 to 5000 (validation split).");
        }

        var splits = FashionMnist.LoadSplits(new FashionMnistOptions(folder ?? FashionMnistOptions.DefaultFolder));
        return (splits.Train.Take(trainImages), splits.Validation.Take(validationImages));
    }
}
