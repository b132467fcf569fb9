using Microsoft.Extensions.Configuration;
using NasPipeline.Hosting;
using NasPipeline.Prediction;

namespace NasPipeline.Stages.Predict;

/// <summary>The <c>Predict</c> configuration section (e.g. <c>Predict__BatchSize=100</c>), checked before use.</summary>
public static class PredictSettingsReader
{
    public const string Section = "Predict";

    public static PredictSettings Read(IConfiguration section)
    {
        PredictSettings settings;
        try
        {
            settings = section.Get<PredictSettings>() ?? new PredictSettings();
        }
        catch (InvalidOperationException e)
        {
            throw new PipelineConfigurationException($"{Section}: {e.Message}");
        }

        var result = new PredictSettingsValidator().Validate(settings);
        return result.IsValid
            ? settings
            : throw new PipelineConfigurationException($"{Section}: {string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}");
    }
}
