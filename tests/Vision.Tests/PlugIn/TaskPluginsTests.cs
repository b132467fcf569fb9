using NasPipeline.Vision.Tasks;
using RotationTaskPlugin;

namespace NasPipeline.Vision.Tests.PlugIn;

/// <summary>Tasks loaded from an assembly named in <c>Tasks__Plugins</c>, and the errors a user sees for a bad one.</summary>
public sealed class TaskPluginsTests
{
    private static readonly string Rotation = typeof(RotationTask).Assembly.Location;

    [Fact]
    public void A_plugin_assembly_adds_its_tasks_beside_the_built_in_five()
    {
        var registry = TaskPlugins.Registry(Rotation);

        Assert.Equal(["classification", "denoising", "detection", "keypoints", "rotation", "segmentation"], registry.All.Select(t => t.Name).Order());
        Assert.Equal(Rotation, registry.Get("rotation").GetType().Assembly.Location);
        Assert.Null(TaskPlugins.Problem(Rotation));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" : ")]
    public void No_plugins_leaves_the_five(string? paths) => Assert.Equal(5, TaskPlugins.Registry(paths).All.Count);

    [Fact]
    public void A_missing_plugin_is_named_with_the_variable_to_fix()
    {
        var error = Assert.Throws<TaskPluginException>(() => TaskPlugins.Registry("/nowhere/Tasks.dll"));
        Assert.Equal("Tasks__Plugins: '/nowhere/Tasks.dll' does not exist.", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-plugin-{Guid.NewGuid():N}.dll");
        File.WriteAllText(path, "tasks");
        try
        {
            Assert.Equal($"'{path}' is not a .NET assembly.", TaskPlugins.Problem(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_assembly_without_a_task_is_refused()
    {
        var path = typeof(FactAttribute).Assembly.Location;
        Assert.Equal($"'{path}' defines no public class implementing IVisionTask with a public parameterless constructor.", TaskPlugins.Problem(path));
    }

    [Fact]
    public void A_plugin_task_may_not_take_a_registered_name()
    {
        var twice = string.Join(Path.PathSeparator, Rotation, Rotation);
        Assert.Equal($"'{Rotation}' registers a task named 'rotation', which is already registered; give it another name.", TaskPlugins.Problem(twice));
    }

    [Fact]
    public void A_quarter_turn_moves_each_pixel_clockwise()
    {
        // 2 x 2: a b / c d turned clockwise once is c a / d b; twice d c / b a; three times b d / a c.
        byte[] image = [10, 20, 30, 40];
        float[] Turned(int turns)
        {
            var target = new float[4];
            RotationTask.Turn(image, target, size: 2, turns);
            return target.Select(v => MathF.Round(v * 255f)).ToArray();
        }

        Assert.Equal([10f, 20f, 30f, 40f], Turned(0));
        Assert.Equal([30f, 10f, 40f, 20f], Turned(1));
        Assert.Equal([40f, 30f, 20f, 10f], Turned(2));
        Assert.Equal([20f, 40f, 10f, 30f], Turned(3));
    }
}
