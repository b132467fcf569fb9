using Xunit;

namespace NasPipeline.TorchRuntime.Tests;

/// <summary>MKL's reproducible mode (see <see cref="MklReproducibility"/>); the proof that it is enough is
/// Pipeline.Tests' RedriveTests, twenty `replay --redrive` processes that must agree to the bit.</summary>
public sealed class MklReproducibilityTests
{
    public MklReproducibilityTests() => TorchEnvironment.EnsureAvailable();

    [Fact]
    public void EnsureAvailable_puts_MKL_in_its_auto_reproducible_mode_unless_the_user_chose_one()
    {
        Assert.True(TorchEnvironment.ReproducibleBlas);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(MklReproducibility.Variable)))
        {
            Assert.Equal(MklReproducibility.Auto, MklReproducibility.Branch);
        }
    }
}
