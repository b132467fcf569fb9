using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NasPipeline.TorchRuntime.Tests;

/// <summary>
/// libtorch's oneDNN convolutions on channel counts that need a padded layout returned NaN now and then for fixed
/// inputs (see <see cref="OneDnn"/>); with oneDNN off, the same convolution is repeatable while collections churn
/// memory. With <c>NASP_ONEDNN=1</c> (oneDNN kept on) the second test failed on the CI machine.
/// </summary>
public sealed class OneDnnTests
{
    public OneDnnTests() => TorchEnvironment.EnsureAvailable();

    [Fact]
    public void EnsureAvailable_turns_oneDNN_off_unless_asked_to_keep_it()
    {
        Assert.Equal(Environment.GetEnvironmentVariable(OneDnn.KeepVariable) == "1", OneDnn.Enabled);
    }

    [Fact]
    public void EnsureAvailable_turns_NNPACK_off_so_no_convolution_asks_for_it()
    {
        Assert.False(Nnpack.Enabled);
    }

    [Fact]
    public void A_padded_channel_convolution_gives_the_same_result_every_call_while_collections_run()
    {
        // 24 channels: padded to 32 in oneDNN's AVX-512 layout. ReLU'd input, as between a network's layers.
        using var scope = NewDisposeScope();
        var generator = new Generator(11);
        var input = nn.functional.relu(randn([8, 24, 7, 7], generator: generator));
        var weight = randn([24, 24, 3, 3], generator: generator).div_(HeldScalars.Four);
        var expected = nn.functional.conv2d(input, weight, null, [1], [1]);
        var differing = 0;
        var stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            for (var call = 0; call < 3000; call++)
            {
                using var step = NewDisposeScope();
                if (!nn.functional.conv2d(input, weight, null, [1], [1]).equal(expected).all().item<bool>())
                {
                    differing++;
                }
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }

        Assert.Equal(0, differing);
    }
}
