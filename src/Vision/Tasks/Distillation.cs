using NasPipeline.TorchRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Tasks;

/// <summary>Distillation losses shared by tasks; the teacher is always detached.</summary>
public static class Distillation
{
    /// <summary>KL(teacher || student) on temperature-softened softmax over dim 1, scaled by T^2 (Hinton et al.).</summary>
    public static Tensor SoftmaxKl(Tensor student, Tensor teacher, double temperature)
    {
        // Scalars held across the native calls (see TorchRuntime.HeldScalars).
        using var t = temperature.ToScalar();
        using var scale = (temperature * temperature / student.shape[0]).ToScalar();
        var teacherLog = teacher.detach().div(t).log_softmax(1);
        var studentLog = student.div(t).log_softmax(1);
        return nn.functional.kl_div(studentLog, teacherLog, reduction: nn.Reduction.Sum, log_target: true).mul(scale);
    }

    /// <summary>Mean squared error to the detached teacher, for dense regression-like outputs.</summary>
    public static Tensor MeanSquared(Tensor student, Tensor teacher) => nn.functional.mse_loss(student, teacher.detach());
}
