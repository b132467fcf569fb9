using NasPipeline.Cli;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Tests.Fork;

/// <summary>replay --fork's --with KEY=VALUE: parsing, and the fork's submission made from its parent's.</summary>
public sealed class ForkChangesTests
{
    private static readonly ModelSubmitted Parent = new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, null,
        new SearchSpacePoint("mbv3-28", [1, 2, 3]), ["1x1x28x28"], ["classification"],
        [new Objective("classification", ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)],
        [new Constraint(CostNames.Macs, ConstraintOperator.AtMost, 0.8, true)], 7, new SearchBudget(Generations: 3));

    private static readonly SearchStarted ParentStarted = new(Parent.RunId, "mbv3-28", 20, 3, 1, 0, 12, 7);

    [Theory]
    [InlineData("colour=red", "unknown setting 'colour'")]
    [InlineData("population=many", "'many' is not a whole number")]
    [InlineData("seed", "must look like KEY=VALUE")]
    [InlineData("tasks=", "name at least one task")]
    public void A_bad_setting_says_what_is_wrong_and_lists_the_valid_keys(string setting, string reason)
    {
        var error = Assert.Throws<CliUsageException>(() => ForkChanges.Parse([setting]));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(ForkChanges.KeysHelp, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fork_needs_a_change_and_a_key_given_twice_is_refused()
    {
        Assert.Contains("at least one --with", Assert.Throws<CliUsageException>(() => ForkChanges.Parse([])).Message, StringComparison.Ordinal);
        Assert.Contains("given twice", Assert.Throws<CliUsageException>(() => ForkChanges.Parse(["seed=1", "seed=2"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fork_copies_its_parent_with_the_recorded_budget_and_the_change()
    {
        var runId = Guid.NewGuid();

        var fork = ForkChanges.Parse(["population=8"]).ApplyTo(Parent, ParentStarted, runId, DateTimeOffset.UnixEpoch.AddDays(1));

        Assert.Equal(runId, fork.RunId);
        Assert.Equal(Parent.RunId, fork.ParentRunId);
        Assert.Equal(new SearchBudget(8, 3, 1, 0, 12), fork.Budget);
        Assert.Equal(Parent.Point, fork.Point);
        Assert.Equal(Parent.Seed, fork.Seed);
        Assert.Equal(Parent.Tasks, fork.Tasks);
        Assert.Equal(Parent.Objectives, fork.Objectives);
        Assert.Equal(Parent.Constraints, fork.Constraints);
        Assert.Equal(Parent.InputShapes, fork.InputShapes);
    }

    [Fact]
    public void Without_a_recorded_start_the_fork_keeps_the_parent_s_own_budget()
    {
        var fork = ForkChanges.Parse(["seed=9", "iterations=2"]).ApplyTo(Parent, null, Guid.NewGuid(), DateTimeOffset.UnixEpoch);

        Assert.Equal(9, fork.Seed);
        Assert.Equal(new SearchBudget(Generations: 3, Iterations: 2), fork.Budget);
    }

    [Fact]
    public void New_tasks_bring_their_objectives_and_dropped_tasks_take_theirs_away()
    {
        var fork = ForkChanges.Parse(["tasks=segmentation,classification"]).ApplyTo(Parent, ParentStarted, Guid.NewGuid(), DateTimeOffset.UnixEpoch);

        Assert.Equal(["segmentation", "classification"], fork.Tasks);
        Assert.Equal(["max segmentation", "max classification", "min macs"],
            fork.Objectives.Select(o => $"{(o.Direction == ObjectiveDirection.Maximize ? "max" : "min")} {o.Name}"));

        var only = ForkChanges.Parse(["tasks=detection"]).ApplyTo(Parent, ParentStarted, Guid.NewGuid(), DateTimeOffset.UnixEpoch);
        Assert.Equal(["detection", "macs"], only.Objectives.Select(o => o.Name));
    }

    [Theory]
    [InlineData("population=2", "The NSGA-III population must be between 4 and 1000, not 2.")]
    [InlineData("iterations=0", "The number of NAT iterations must be between 1 and 100, not 0.")]
    [InlineData("tasks=Bad Task", "Task name 'Bad Task'")]
    public void A_value_the_validators_refuse_is_an_error_with_their_message(string setting, string message)
    {
        var changes = ForkChanges.Parse([setting]);

        var error = Assert.Throws<CliUsageException>(() => changes.ApplyTo(Parent, ParentStarted, Guid.NewGuid(), DateTimeOffset.UnixEpoch));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(ForkChanges.KeysHelp, error.Message, StringComparison.Ordinal);
    }
}
