using NasPipeline.Adaptation.Planning;
using NasPipeline.OnnxNetworks;

namespace NasPipeline.Stages.PseudoLabel;

/// <summary>A model the interpreter cannot run fails its run with the reason, instead of being redelivered.</summary>
internal static class NetworkRefusals
{
    public static T Refused<T>(Func<T> label)
    {
        try
        {
            return label();
        }
        catch (Exception e) when (e is OnnxNetworkException or FormatException or Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new AdaptationException($"The network cannot be pseudo-labelled: {e.Message}");
        }
    }
}
