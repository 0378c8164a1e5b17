using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Projections;
using Companion.Domain.Projections.Recall;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

public sealed class MemoryEndingTests
{
    private static readonly DateTimeOffset Started = new(2023, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Said = Given.T0.AddDays(2);
    private static readonly DateTimeOffset Left = Given.T0.AddDays(1);

    private static UserState WorksAtTheBakery() => Given.WithCompanion().Then(
        new MemoryRecorded("c_sol", "m_job", "Robin works at the bakery.", "fact", 0.9, false, null, Given.T0, ValidFrom: Started),
        new MemoryRecorded("c_sol", "m_cat", "Robin has a cat.", "fact", 0.5, false, null, Given.T0));

    private static MemoryEnded End(UserState state, string memoryId = "m_job", DateTimeOffset? validTo = null, string? reason = null, string? requestId = null) =>
        new MemoryEnding(validTo, reason, requestId).Decide(state, "c_sol", memoryId, Said);

    [Fact]
    public void Ending_a_fact_keeps_the_memory_and_ends_its_validity_when_the_person_said()
    {
        var state = WorksAtTheBakery();

        var after = state.Then(End(state, validTo: Left, reason: "new job"));

        var job = after.Companions["c_sol"].Memories["m_job"];
        Assert.Equal(("Robin works at the bakery.", (DateTimeOffset?)Started, (DateTimeOffset?)Left, (string?)null, false),
            (job.Text, job.ValidFrom, job.ValidTo, job.SupersededBy, job.IsForgotten));
        Assert.True(job.HeldAt(Left.AddTicks(-1)));
        Assert.False(job.HeldAt(Left));
    }

    [Fact]
    public void Without_a_valid_to_the_fact_ended_when_it_was_said()
    {
        var state = WorksAtTheBakery();

        var ended = End(state);
        var after = state.Then(ended);

        Assert.Null(ended.ValidTo);
        Assert.Equal(Said, after.Companions["c_sol"].Memories["m_job"].ValidTo);
    }

    [Fact]
    public void An_ended_fact_is_history_in_the_list_and_the_context_once_its_end_has_passed_and_valid_at_before_it_finds_it()
    {
        var state = WorksAtTheBakery();
        var after = state.Then(End(state, validTo: Left));
        var companion = after.Companions["c_sol"];

        Assert.Equal(["m_cat"], MemoryList.Of(companion, after.Version, null, false, Said).Memories.Select(m => m.Id));
        Assert.Equal(["m_job", "m_cat"], MemoryList.Of(companion, after.Version, null, false, Left.AddTicks(-1)).Memories.Select(m => m.Id));
        Assert.Equal(["m_job", "m_cat"], MemoryList.Of(companion, after.Version, null, true, Said).Memories.Select(m => m.Id));
        Assert.Equal(["m_job", "m_cat"], MemoryList.Of(companion, after.Version, Left.AddDays(-1), false, Said).Memories.Select(m => m.Id));
        Assert.Equal(["m_cat"], MemoryList.Of(companion, after.Version, Left, false, Said).Memories.Select(m => m.Id));
        Assert.Equal(["m_cat"], MemoryContextProjection.Build(companion, new MemoryContextOptions(Now: Said)).SalientMemories.Select(m => m.Id));
        Assert.Equal(["m_job", "m_cat"], MemoryContextProjection.Build(companion, new MemoryContextOptions(Now: Left.AddTicks(-1))).SalientMemories.Select(m => m.Id));
    }

    [Fact]
    public void A_recalled_memory_whose_fact_ended_is_not_brought_back_into_the_context()
    {
        var state = WorksAtTheBakery();
        var after = state.Then(End(state, validTo: Left));
        RecalledItem[] recalled =
        [
            new(RecallKind.Memory, "m_job", "Robin works at the bakery.", 2, Given.T0, null, null, RecallMatch.Keyword, 1),
            new(RecallKind.Memory, "m_cat", "Robin has a cat.", 3, Given.T0, null, null, RecallMatch.Keyword, 0.5),
        ];

        var context = MemoryContextProjection.Build(after.Companions["c_sol"], new MemoryContextOptions(Now: Said), recalled);

        Assert.Equal(["m_cat"], context.Recalled.Select(r => r.Id));
    }

    [Fact]
    public void Recall_hides_a_fact_that_ended_by_the_state_s_latest_event()
    {
        var state = WorksAtTheBakery();
        var after = state.Then(End(state, validTo: Left));

        Assert.True(RecallVisibility.IsVisible(state, RecallKind.Memory, "m_job", "c_sol", 2));
        Assert.False(RecallVisibility.IsVisible(after, RecallKind.Memory, "m_job", "c_sol", 2));
        Assert.True(RecallVisibility.IsVisible(after, RecallKind.Memory, "m_cat", "c_sol", 3));
    }

    [Fact]
    public void Ending_what_cannot_end_is_refused_with_what_to_do()
    {
        var state = WorksAtTheBakery();
        var superseded = state.Then(new MemoryRecorded("c_sol", "m_new", "Robin works at the library.", "fact", 0.9, false, null, Given.T0, Supersedes: "m_job"));
        var forgotten = state.Then(new MemoryForgotten("c_sol", "m_job", Given.T0));
        var ended = state.Then(End(state, validTo: Left));

        var unknown = Assert.Throws<DomainException>(() => End(state, "m_nowhere"));
        var gone = Assert.Throws<DomainException>(() => End(forgotten));
        var replaced = Assert.Throws<DomainException>(() => End(superseded));
        var twice = Assert.Throws<DomainException>(() => End(ended));
        var early = Assert.Throws<DomainException>(() => End(state, validTo: Started));
        var longReason = Assert.Throws<DomainException>(() => End(state, reason: new string('x', Limits.MemoryText + 1)));

        Assert.Equal((DomainErrorKind.NotFound, DomainErrorKind.Conflict, DomainErrorKind.Conflict, DomainErrorKind.Conflict, DomainErrorKind.Invalid, DomainErrorKind.Invalid),
            (unknown.Kind, gone.Kind, replaced.Kind, twice.Kind, early.Kind, longReason.Kind));
        Assert.Contains("m_nowhere", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("forgotten", gone.Message, StringComparison.Ordinal);
        Assert.Contains("end 'm_new' instead", replaced.Message, StringComparison.Ordinal);
        Assert.Contains("already ends", twice.Message, StringComparison.Ordinal);
        Assert.Contains("'validFrom'", early.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyed_ending_is_remembered_with_what_it_asked_for()
    {
        var state = WorksAtTheBakery();
        var ended = End(state, validTo: Left, reason: "new job", requestId: "end-1");

        var after = state.Then(ended);

        var outcome = after.Requests.Find(MemoryEnded.KeyOf("c_sol", "m_job", "end-1")!);
        Assert.Equal(("m_job", after.Version, ended.Fingerprint()), (outcome?.ResultId, outcome?.Version, outcome?.Fingerprint));
        Assert.NotEqual(ended.Fingerprint(), (ended with { Reason = "another" }).Fingerprint());
        Assert.NotEqual(ended.Fingerprint(), (ended with { ValidTo = null }).Fingerprint());
        Assert.Null(after.Requests.Find(MemoryEnded.KeyOf("c_sol", "m_cat", "end-1")!));
    }

    [Fact]
    public void The_companion_timeline_says_which_fact_ended_when_and_why()
    {
        var state = WorksAtTheBakery();
        var timeline = new CompanionTimeline("c_sol");
        timeline.Add(2, new MemoryRecorded("c_sol", "m_job", "Robin works at the bakery.", "fact", 0.9, false, null, Given.T0));
        timeline.Add(3, End(state, validTo: new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), reason: "new job"));

        var change = Assert.Single(timeline.Changes);
        Assert.Equal("memory-ended", change.Kind);
        Assert.Equal("Ended on 2026-03-03 00:00 UTC: \"Robin works at the bakery.\" no longer holds (the memory is kept as history). Reason: new job", change.Summary);
    }
}
