using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Networks;

/// <summary>
/// The network a fine-tune distils from (for a kept network: the submitted one it was cut from), frozen and in evaluation
/// mode, and the weight of its distillation loss beside the task's own.
/// </summary>
public sealed class FineTuneTeacher(TrainableNetwork teacher, double weight)
{
    public double Weight { get; } = weight;

    public Tensor Predict(Tensor images)
    {
        using var noGrad = no_grad();
        teacher.Backbone.Module.eval();
        teacher.Head.eval();
        return teacher.Head.call(teacher.Backbone.Forward(images)).detach();
    }
}
