using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Hosting.Tests.EventStore;

public sealed class RetriedWorkResultsTests
{
    [Fact]
    public async Task A_key_seen_before_returns_the_kept_result_without_working()
    {
        var results = new RetriedWorkResults<int>();
        var runs = 0;

        var first = await results.GetOrRunAsync("a", () => Task.FromResult(++runs * 10));
        var second = await results.GetOrRunAsync("a", () => Task.FromResult(++runs * 10));
        var other = await results.GetOrRunAsync("b", () => Task.FromResult(++runs * 10));

        Assert.Equal((10, 10, 20), (first, second, other));
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task Past_its_capacity_it_forgets_the_oldest_key_first()
    {
        var results = new RetriedWorkResults<string>(capacity: 2);
        var worked = new List<string>();

        Task<string> Work(string key)
        {
            worked.Add(key);
            return Task.FromResult(key);
        }

        foreach (var key in new[] { "a", "b", "c", "b", "a" })
        {
            await results.GetOrRunAsync(key, () => Work(key));
        }

        // "a" was dropped when "c" came; "b" was still kept.
        Assert.Equal(["a", "b", "c", "a"], worked);
    }

    [Fact]
    public async Task Failed_work_is_not_kept()
    {
        var results = new RetriedWorkResults<int>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => results.GetOrRunAsync("a", () => throw new InvalidOperationException("lost")));
        var value = await results.GetOrRunAsync("a", () => Task.FromResult(7));

        Assert.Equal(7, value);
    }
}
