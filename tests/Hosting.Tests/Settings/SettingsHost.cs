using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace NasPipeline.Hosting.Tests.Settings;

public static class SettingsHost
{
    /// <summary>A host builder whose configuration is these pairs (<c>Section:Key</c>) and nothing else.</summary>
    public static HostApplicationBuilder Builder(params (string Key, string Value)[] pairs)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
        return builder;
    }
}
