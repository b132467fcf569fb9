using NasPipeline.SearchSpaces.Encoding;

namespace NasPipeline.Supernet.Designs;

/// <summary>The largest kernel and expansion an MBConv gene can take: the size every shared layer is allocated at.</summary>
internal static class ChoiceMax
{
    public static int Kernel => LayerChoices.Kernels.Max();

    public static int Expansion => LayerChoices.Expansions.Max();
}
