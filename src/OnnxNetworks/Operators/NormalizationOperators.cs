using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>BatchNormalization (batch statistics and running-average updates while training, the stored statistics
/// otherwise) and LayerNormalization.</summary>
internal static class NormalizationOperators
{
    public static Tensor[] BatchNormalization(OperatorCall call)
    {
        var (x, scale, bias, mean, variance) = (call.Input(0), call.Input(1), call.Input(2), call.Input(3), call.Input(4));
        var epsilon = call.Float("epsilon", 1e-5f);
        if (call.Node.Output.Skip(1).Any(o => o.Length > 0))
        {
            throw call.Refuse("the running mean and variance outputs (training mode) are not supported.");
        }


        // ONNX keeps `momentum` of the old average (0.9); torch weighs the new batch by its momentum (0.1).
        var momentum = 1 - call.Float("momentum", 0.9f);
        return [nn.functional.batch_norm(x, mean, variance, scale, bias, call.Training, momentum, epsilon)];
    }

    public static Tensor[] LayerNormalization(OperatorCall call)
    {
        var x = call.Input(0);
        var axis = call.Int("axis", -1);
        var from = (int)(axis < 0 ? axis + x.dim() : axis);
        if (call.Node.Output.Skip(1).Any(o => o.Length > 0))
        {
            throw call.Refuse("the Mean and InvStdDev outputs are not supported.");
        }

        return [nn.functional.layer_norm(x, x.shape[from..], call.Input(1), call.OptionalInput(2), call.Float("epsilon", 1e-5f))];
    }
}
