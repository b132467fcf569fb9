using NasPipeline.Predictors.Gnn.Training;

namespace NasPipeline.Predictors.Gnn.Tests.Training;

public sealed class MiniBatchesTests
{
    [Fact]
    public void Node_budget_cuts_a_batch_before_it_would_overflow_and_a_larger_graph_goes_alone()
    {
        // 10+30 fit in 60; +25 would not; 25+70 would not; 70 alone exceeds 60; 5+5 fit.
        var batches = MiniBatches.SequentialByNodes([10, 30, 25, 70, 5, 5], batchSize: 3, nodeBudget: 60).ToList();

        Assert.Equal([[0, 1], [2], [3], [4, 5]], batches);
    }

    [Fact]
    public void Batch_size_still_caps_batches_of_small_graphs()
    {
        var batches = MiniBatches.SequentialByNodes([1, 1, 1, 1, 1, 1, 1], batchSize: 3, nodeBudget: 100).ToList();

        Assert.Equal([[0, 1, 2], [3, 4, 5], [6]], batches);
    }

    [Fact]
    public void No_graphs_make_no_batches() =>
        Assert.Empty(MiniBatches.SequentialByNodes([], batchSize: 4, nodeBudget: 10));
}
