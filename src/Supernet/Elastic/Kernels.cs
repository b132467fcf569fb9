using static TorchSharp.torch;

namespace NasPipeline.Supernet.Elastic;

internal static class Kernels
{
    /// <summary>The centre k x k of a [.., .., K, K] weight (a view, so gradients reach only the used taps).</summary>
    public static Tensor Centre(Tensor weight, int kernel)
    {
        var full = weight.shape[^1];
        if (kernel == full)
        {
            return weight;
        }

        Validate((int)full, kernel);
        var offset = (full - kernel) / 2;
        return weight.narrow(2, offset, kernel).narrow(3, offset, kernel);
    }

    /// <summary>Throws unless <paramref name="kernel"/> can be centred in a <paramref name="full"/>-wide kernel.</summary>
    public static void Validate(int full, int kernel)
    {
        if (kernel < 1 || kernel > full || (full - kernel) % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"An active kernel must be odd and at most {full}.");
        }
    }
}
