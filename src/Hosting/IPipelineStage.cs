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

    /// <summary>Registers the stage's own settings with
    /// <see cref="Settings.ValidatedSettingsRegistration.AddValidatedSettings{TSettings,TValidator}"/>, the one way a
    /// stage's settings are bound and checked: a bad value stops the host before anything starts
    /// (<see cref="Settings.CheckedHostBuild.BuildChecked"/>), with a message naming its environment variable.</summary>
    void AddSettings(IServiceCollection services, IConfiguration configuration)
    {
    }

    void AddServices(IServiceCollection services);

    /// <summary>Marten document types the stage stores besides the run streams, projections and blobs every stage
    /// writes: `nasp db migrate` creates their tables and grants the stage's role writes on them alone.</summary>
    IReadOnlyList<Type> StoredDocuments => [];

    void AddConsumers(IBusRegistrationConfigurator bus);
}
