using NasPipeline.Vision.Tasks;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Training;

/// <summary>
/// In-place distillation (BigNAS/NASViT): within a sandwich step, every smaller subnet learns from the largest
/// subnet's prediction on the same batch, detached so no gradient flows back into the teacher.
/// </summary>
public static class InPlaceDistillation
{
    public static Tensor Loss(IVisionTask task, Tensor student, Tensor teacher) => task.DistillationLoss(student, teacher.detach());

    /// <param name="temperature">Overrides the task's temperature where the task has one (<see cref="ITemperedDistillation"/>); null keeps it.</param>
    public static Tensor Loss(IVisionTask task, Tensor student, Tensor teacher, double? temperature) =>
        temperature is { } t && task is ITemperedDistillation tempered
            ? tempered.DistillationLoss(student, teacher.detach(), t)
            : Loss(task, student, teacher);
}
