using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Networks;

/// <summary>
/// The network a fine-tune distils from (for a kept network: the submitted one it was cut from), frozen and in evaluation
/// mode, and the weight of its distillation loss beside the task's own.
/// </summary>
public sealed class FineTuneTeacher
{
    private readonly TrainableNetwork _teacher;

    /// <summary>Puts the teacher in evaluation mode once: nothing trains it while a fine-tune reads it.</summary>
    public FineTuneTeacher(TrainableNetwork teacher, double weight)
    {
        _teacher = teacher;
        Weight = weight;
        teacher.Backbone.Module.eval();
        teacher.Head.eval();
    }

    public double Weight { get; }

    public Tensor Predict(Tensor images)
    {
        using var noGrad = no_grad();
        return _teacher.Head.call(_teacher.Backbone.Forward(images)).detach();
    }
}
