using System.Reflection;
using System.Runtime.Loader;

namespace NasPipeline.Vision.Tasks;

/// <summary>
/// Vision tasks from outside this repository. A plug-in is a .NET assembly; every public, concrete
/// <see cref="IVisionTask"/> in it with a public parameterless constructor is registered beside the built-in five. The
/// stages and the CLI read the list from <see cref="Variable"/> (paths separated as in PATH), so a new task needs no
/// change in any stage.
/// </summary>
public static class TaskPlugins
{
    /// <summary>The variable users set, named in every error: <c>Tasks__Plugins=/opt/tasks/Rotation.dll:/opt/tasks/Depth.dll</c>.</summary>
    public const string Variable = "Tasks__Plugins";

    /// <summary>The built-in tasks plus those of each plug-in in <paramref name="paths"/> (null or blank: none).</summary>
    public static TaskRegistry Registry(string? paths)
    {
        var registry = TaskRegistry.CreateDefault();
        foreach (var path in Split(paths))
        {
            foreach (var task in Load(path))
            {
                if (registry.Contains(task.Name))
                {
                    throw new TaskPluginException($"'{path}' registers a task named '{task.Name}', which is already registered; give it another name.");
                }

                registry.Register(task);
            }
        }

        return registry;
    }

    /// <summary>The plug-in paths of a setting's value, blanks left out.</summary>
    public static IReadOnlyList<string> Split(string? paths) =>
        (paths ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>What is wrong with the plug-ins of <paramref name="paths"/> (the first problem), or null when each loads
    /// and defines a task of its own name.</summary>
    public static string? Problem(string? paths)
    {
        try
        {
            _ = Registry(paths);
            return null;
        }
        catch (TaskPluginException e)
        {
            return e.Problem;
        }
    }

    private static IReadOnlyList<IVisionTask> Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new TaskPluginException($"'{path}' does not exist.");
        }

        var assembly = LoadAssembly(path, full);
        var types = ExportedTasks(path, assembly);
        if (types.Count == 0)
        {
            throw new TaskPluginException($"'{path}' defines no public class implementing {nameof(IVisionTask)} with a public parameterless constructor.");
        }

        return types.Select(t => Create(path, t)).ToList();
    }

    private static Assembly LoadAssembly(string path, string full)
    {
        try
        {
            // The default context: the plug-in shares this process's Vision and TorchSharp, so its task is an IVisionTask here.
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException)
        {
            throw new TaskPluginException($"'{path}' is not a .NET assembly.");
        }
        catch (FileLoadException e)
        {
            throw new TaskPluginException($"'{path}' could not be loaded: {e.Message}");
        }
    }

    private static List<Type> ExportedTasks(string path, Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IVisionTask).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException)
        {
            var why = e is ReflectionTypeLoadException load ? string.Join("; ", load.LoaderExceptions.Select(l => l?.Message).Distinct()) : e.Message;
            throw new TaskPluginException($"the types of '{path}' could not be read (a dependency it needs is missing?): {why}");
        }
    }

    private static IVisionTask Create(string path, Type type)
    {
        try
        {
            return (IVisionTask)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e)
        {
            throw new TaskPluginException($"creating {type.FullName} from '{path}' failed: {e.InnerException?.Message ?? e.Message}");
        }
    }
}

/// <summary>A plug-in named in <see cref="TaskPlugins.Variable"/> that cannot be used: which and why.
/// <see cref="Exception.Message"/> names the variable; <see cref="Problem"/> is the bare reason a settings check reports.</summary>
public sealed class TaskPluginException(string problem) : Exception($"{TaskPlugins.Variable}: {problem}")
{
    public string Problem => problem;
}
