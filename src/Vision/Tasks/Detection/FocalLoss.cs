using NasPipeline.TorchRuntime;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Tasks.Detection;

/// <summary>
/// CenterNet's penalty-reduced pixel-wise focal loss (Zhou et al. 2019, eq. 1, alpha 2, beta 4), normalised by the
/// number of objects: -(1-p)^2 log p at peaks, -(1-y)^4 p^2 log(1-p) elsewhere.
/// </summary>
public static class FocalLoss
{
    public static Tensor CenterNet(Tensor logits, Tensor target)
    {
        // log-sigmoid forms avoid log(0) without clamping the probabilities.
        var p = logits.sigmoid();
        var logP = nn.functional.logsigmoid(logits);
        var logNotP = nn.functional.logsigmoid(logits.neg());
        var one = HeldScalars.One;
        var positive = target.eq(one).to(logits.dtype);
        var negative = positive.neg().add_(one, one);
        var positiveTerm = p.neg().add_(one, one).pow(HeldScalars.Two).mul(logP).mul(positive);
        var negativeTerm = target.neg().add_(one, one).pow(HeldScalars.Four).mul(p.pow(HeldScalars.Two)).mul(logNotP).mul(negative);
        var objects = positive.sum().clamp_min(one);
        return positiveTerm.add(negativeTerm, one).sum().neg().div(objects);
    }
}
