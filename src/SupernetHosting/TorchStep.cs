using NasPipeline.TorchRuntime;
using TorchSharp;

namespace NasPipeline.SupernetHosting;

/// <summary>What a training stage does before each step's first tensor.</summary>
public static class TorchStep
{
    /// <summary>Sets libtorch up (MKL's reproducible mode is fixed at its first product, and replay relies on it) and
    /// applies the stage's thread count (0 keeps libtorch's default).</summary>
    public static void Prepare(int threads)
    {
        TorchEnvironment.EnsureAvailable();
        if (threads > 0 && torch.get_num_threads() != threads)
        {
            torch.set_num_threads(threads);
        }
    }
}
