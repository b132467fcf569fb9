using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Fna.Tests;

/// <summary>The first images of Fashion-MNIST's splits (the dataset package the test command installs).</summary>
internal static class TaskImages
{
    private static readonly Lazy<DatasetSplits> Splits = new(() => FashionMnist.LoadSplits());

    public static ImageSet Train(int count) => Splits.Value.Train.Take(count);

    public static ImageSet Validation(int count) => Splits.Value.Validation.Take(count);
}
