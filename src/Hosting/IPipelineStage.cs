using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NasPipeline.Hosting;

/// <summary>
/// What a stage adds to a host: its plain services and its consumers. The same module runs alone in its own
/// process or beside the others in one host.
/// </summary>
public interface IPipelineStage
{
    string Name { get; }

    /// <summary>Reads the stage's own settings, before <see cref="AddServices"/>. A bad value throws
    /// <see cref="PipelineConfigurationException"/> here, so the process stops with its message before anything starts.</summary>
    void Configure(IConfiguration configuration)
    {
    }

    void AddServices(IServiceCollection services);

    void AddConsumers(IBusRegistrationConfigurator bus);
}
