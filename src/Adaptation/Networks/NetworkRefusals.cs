using NasPipeline.Adaptation.Planning;
using NasPipeline.OnnxNetworks;

namespace NasPipeline.Adaptation.Networks;

/// <summary>A network the interpreter cannot read or run fails its run with the reason, instead of being redelivered:
/// the Adapt and PseudoLabel stages' one rule for submitted models.</summary>
public static class NetworkRefusals
{
    /// <param name="cannot">What could not be done, e.g. "be fine-tuned": "The network cannot {cannot}: {reason}".</param>
    public static T Refused<T>(string cannot, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is OnnxNetworkException or FormatException or Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new AdaptationException($"The network cannot {cannot}: {e.Message}");
        }
    }
}
