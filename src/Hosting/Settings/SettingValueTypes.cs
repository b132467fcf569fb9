using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace NasPipeline.Hosting.Settings;

/// <summary>
/// Checks each value of a section against the type of the property it sets, before binding. The binder would refuse a
/// bad value too, but with "Failed to convert configuration value at 'Search:Generations' to type 'System.Int32'"; this
/// names the environment variable and says what kind of value it needs, in the words a person setting it would use.
/// </summary>
internal static class SettingValueTypes
{
    private static readonly NumberFormatInfo Invariant = NumberFormatInfo.InvariantInfo;

    /// <summary>In the order the settings declare their properties. Configuration keys ignore case, as the binder does;
    /// a property it cannot set (computed from the others) is not a setting.</summary>
    public static IReadOnlyList<string> Problems(Type settings, IConfigurationSection values, string section)
    {
        var problems = new List<string>();
        foreach (var property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (values[property.Name] is { } text && Expected(type, text) is { } expected)
            {
                problems.Add($"{SettingsSection.Variable(section, property.Name)} must be {expected}, not '{text}'.");
            }
        }

        return problems;
    }

    /// <summary>What the value should be, when <paramref name="text"/> is not one; null when it is, or when the type is
    /// not one of these (the binder's own message stands for those).</summary>
    private static string? Expected(Type type, string text) => type switch
    {
        _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, Invariant, out _) ? null : "a whole number",
        _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, Invariant, out _) ? null : "a whole number",
        _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float, Invariant, out _) ? null : "a number",
        _ when type == typeof(float) => float.TryParse(text, NumberStyles.Float, Invariant, out _) ? null : "a number",
        _ when type == typeof(decimal) => decimal.TryParse(text, NumberStyles.Number, Invariant, out _) ? null : "a number",
        _ when type == typeof(bool) => bool.TryParse(text, out _) ? null : "true or false",
        _ when type.IsEnum => Enum.TryParse(type, text, ignoreCase: true, out _)
            ? null
            : $"one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}",
        _ => null,
    };
}
