using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Fna.Tests;

/// <summary>The first images of Fashion-MNIST's splits (the dataset package the test command installs).</summary>
internal static class TaskImages
{
    private static readonly Lazy<DatasetSplits> Splits = new(() => FashionMnist.LoadSplits());

    public static ImageSet Train(int count) => First(Splits.Value.Train, count);

    public static ImageSet Validation(int count) => First(Splits.Value.Validation, count);

    private static ImageSet First(ImageSet set, int count)
    {
        var pixels = set.Height * set.Width;
        return new ImageSet(set.Pixels[..(count * pixels)], set.Labels[..count], count, set.Height, set.Width);
    }
}
