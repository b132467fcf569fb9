using NasPipeline.Vision.Tasks;

namespace NasPipeline.Cli;

/// <summary>The vision tasks of a command that starts no host (<c>tasks</c>, <c>train</c>, <c>supernet</c>...): the
/// built-in five and the plug-ins of <c>Tasks__Plugins</c>, read from the environment as the stages read it.</summary>
public static class CliTasks
{
    public static TaskRegistry Registry() => TaskPlugins.Registry(Environment.GetEnvironmentVariable(TaskPlugins.Variable));
}
