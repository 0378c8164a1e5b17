using Companion.Domain.Events;

namespace Companion.Recall.Tests;

/// <summary>A fact that ended is history: the index keeps it, and finds it only until its end.</summary>
public sealed class RecallIndexEndedFactTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_ended_fact_is_found_until_its_end_and_not_after()
    {
        var index = new RecallIndex();
        index.Apply(RecallIndexTests.Memory("m1", "Robin works at the bakery"), 1);
        index.Apply(RecallIndexTests.Memory("m2", "Robin likes the smell of the bakery next door"), 2);

        index.Apply(new MemoryEnded("c1", "m1", Now.AddDays(3), "new job", null, Now), 3);

        Assert.Equal(["m1", "m2"], Found(index, Now.AddDays(3).AddTicks(-1)).Order());
        Assert.Equal(["m2"], Found(index, Now.AddDays(3)));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Without_a_time_the_fact_ended_when_the_ending_was_recorded()
    {
        var index = new RecallIndex();
        index.Apply(RecallIndexTests.Memory("m1", "Robin works at the bakery"), 1);

        index.Apply(new MemoryEnded("c1", "m1", null, null, null, Now), 2);

        Assert.Equal(["m1"], Found(index, Now.AddTicks(-1)));
        Assert.Empty(Found(index, Now));
    }

    [Fact]
    public void A_memory_recorded_with_its_end_is_found_only_until_then()
    {
        var index = new RecallIndex();
        index.Apply(RecallIndexTests.Memory("m1", "Robin stays at the bakery for the summer") with { ValidTo = Now }, 1);

        Assert.Equal(["m1"], Found(index, Now.AddDays(-1)));
        Assert.Empty(Found(index, Now));
    }

    [Fact]
    public void Ending_a_memory_the_index_no_longer_holds_changes_nothing()
    {
        var index = new RecallIndex();
        index.Apply(RecallIndexTests.Memory("m1", "Robin works at the bakery"), 1);
        index.Apply(new MemoryForgotten("c1", "m1", Now), 2);
        index.Apply(RecallIndexTests.Memory("m2", "Robin works at the bakery again"), 3);

        index.Apply(new MemoryEnded("c1", "m1", Now.AddDays(-1), null, null, Now), 4);

        Assert.Equal(["m2"], Found(index, Now));
    }

    private static string[] Found(RecallIndex index, DateTimeOffset now) =>
        [.. index.Search("bakery", null, null, _ => true, 10, now, new RecallTuning()).Select(h => h.Id)];
}
