using NasPipeline.Hosting;
using NasPipeline.Prediction;
using NasPipeline.Stages.Predict;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Predict;

/// <summary>The Predict stage's settings (section Predict), as the stage registers them: checked before the host starts.</summary>
public sealed class PredictStageSettingsTests
{
    [Fact]
    public void Keys_left_out_keep_their_defaults()
    {
        var settings = Settings(("Predict:BatchSize", "7"), ("Predict:DefaultPredictor", "off"));

        Assert.Equal(new PredictSettings { BatchSize = 7, DefaultPredictor = PredictSettings.DefaultPredictorOff }, settings);
    }

    [Theory]
    [InlineData("BatchSize", "lots", "Predict__BatchSize must be a whole number, not 'lots'.")]
    [InlineData("ValidationFolds", "1", "Predict__ValidationFolds: 'Validation Folds' must be greater than or equal to '2'.")]
    [InlineData("MinRefitSamples", "3", "Predict__MinRefitSamples: 'Min Refit Samples' must be at least 'Validation Folds' (each fold needs a held-out label).")]
    public void A_bad_value_is_a_configuration_error_naming_the_setting(string key, string value, string message)
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => Settings(($"Predict:{key}", value)));

        Assert.Equal(message, error.Message);
    }

    private static PredictSettings Settings(params (string Key, string Value)[] values) => StageSettings.Read<PredictSettings>(new PredictStage(), values);
}
