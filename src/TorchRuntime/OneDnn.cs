namespace NasPipeline.TorchRuntime;

/// <summary>
/// Turns libtorch's oneDNN (mkldnn) backend off for the process, as <c>torch.backends.mkldnn.enabled = False</c> does
/// in Python. libtorch 2.10 ships oneDNN 3.7.1, whose CPU convolutions store a channel count that is not a multiple of
/// the ISA's block (16 with AVX-512, 8 with AVX2) in a padded layout; on this project's CI machines such convolutions
/// intermittently returned NaN for fixed inputs and weights (a 24-channel 3x3 convolution: 10,412 NaN outputs in 95,641
/// calls under collection churn, 0 in 98,372 with the AVX2 ISA, whose 8-channel block needs no padding, 0 in 58,991 with
/// oneDNN off). ATen's own kernels take over. <c>NASP_ONEDNN=1</c> leaves oneDNN on.
/// TorchSharp exposes no switch, so this sets it through <see cref="AtenContextFlags"/>.
/// </summary>
internal static class OneDnn
{
    public const string KeepVariable = "NASP_ONEDNN";

    /// <summary>Whether libtorch will use oneDNN where it can.</summary>
    public static bool Enabled => AtenContextFlags.Get("_ZNK2at7Context17userEnabledMkldnnEv");

    /// <summary>Turns oneDNN off unless <c>NASP_ONEDNN=1</c>.</summary>
    public static void Configure() =>
        AtenContextFlags.Set("_ZN2at7Context20setUserEnabledMkldnnEb", Environment.GetEnvironmentVariable(KeepVariable) == "1");
}
