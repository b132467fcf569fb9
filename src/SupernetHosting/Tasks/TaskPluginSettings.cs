using FluentValidation;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.SupernetHosting.Tasks;

/// <summary>Section <c>Tasks</c>: <paramref name="Plugins"/>, the assemblies whose vision tasks every stage registers
/// beside the built-in ones (<c>Tasks__Plugins</c>, paths separated as in PATH; see <see cref="TaskPlugins"/>).</summary>
public sealed record TaskPluginSettings(string Plugins = "");

/// <summary>Each plug-in exists, loads and defines a task whose name is not taken, checked when a stage starts.</summary>
public sealed class TaskPluginSettingsValidator : AbstractValidator<TaskPluginSettings>
{
    public TaskPluginSettingsValidator() =>
        RuleFor(s => s.Plugins).Custom((plugins, context) =>
        {
            if (TaskPlugins.Problem(plugins) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
}
