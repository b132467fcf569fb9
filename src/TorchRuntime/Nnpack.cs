namespace NasPipeline.TorchRuntime;

/// <summary>
/// Turns libtorch's NNPACK convolutions off for the process (<c>torch.backends.nnpack.enabled = False</c>). NNPACK does
/// not initialise on this project's machines ("Unsupported hardware"), so libtorch used ATen's own kernels anyway, but
/// asking printed "Could not initialize NNPACK!" once per thread at the first convolution of a batch of 16 or more,
/// into every command's and stage's output. With it off, ATen does not ask.
/// </summary>
internal static class Nnpack
{
    public static bool Enabled => AtenContextFlags.Get("_ZNK2at7Context17userEnabledNNPACKEv");

    public static void Configure() => AtenContextFlags.Set("_ZN2at7Context20setUserEnabledNNPACKEb", false);
}
