using static TorchSharp.torch;

namespace NasPipeline.Vision.Tasks;

/// <summary>A task whose distillation is a softmax KL, so a trainer can choose its temperature instead of the task's own.</summary>
public interface ITemperedDistillation
{
    Tensor DistillationLoss(Tensor student, Tensor teacher, double temperature);
}
