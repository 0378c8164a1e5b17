using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Projections;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

/// <summary>Persona history, diff and restore, and a companion's changes, as pure functions of its events.</summary>
public sealed class PersonaContinuityTests
{
    private static readonly Persona First = Persona.Empty with { Description = "calm", Tags = ["kind"], Extensions = """{"voice":"low"}""" };

    private static (CompanionTimeline Timeline, UserState State) Revised(params string[] personalities)
    {
        UserEvent[] events =
        [
            new UserRegistered("u_robin0000", "Robin", Given.T0),
            new CompanionCreated("c_sol", "Sol", First, null, Given.T0.AddHours(1)),
            .. personalities.Select((p, i) => new PersonaRevised("c_sol", First with { Personality = p }, $"r{i}", Given.T0.AddHours(2 + i))),
        ];
        var timeline = new CompanionTimeline("c_sol");
        for (var i = 0; i < events.Length; i++)
        {
            timeline.Add(i + 1, events[i]);
        }

        return (timeline, events.Aggregate(UserState.Empty, UserStateApply.Apply));
    }

    [Fact]
    public void The_history_holds_the_creation_and_every_revision_with_time_and_reason()
    {
        var history = Revised("warm", "wry", "terse").Timeline.History;

        Assert.Equal([2L, 3, 4, 5], history.Versions.Select(v => v.Version));
        Assert.Equal(["created", "revised", "revised", "revised"], history.Versions.Select(v => v.Kind));
        Assert.Equal([null, "r0", "r1", "r2"], history.Versions.Select(v => v.Reason));
        Assert.Equal(Given.T0.AddHours(4), history.Versions[^1].At);
        Assert.Equal("terse", history.Current.Persona.Personality);
    }

    [Fact]
    public void A_restore_is_a_new_revision_to_the_persona_in_force_at_the_version_or_time()
    {
        var (timeline, state) = Revised("warm", "wry", "terse");

        var atVersion = PersonaRestoration.Restore(state, timeline.History, new PersonaRestore(2, null, "back", null), Given.T0.AddDays(1));
        var asOf = PersonaRestoration.Restore(state, timeline.History, new PersonaRestore(null, Given.T0.AddHours(3.5), "back", null), Given.T0.AddDays(1));
        var between = PersonaRestoration.Restore(state, timeline.History, new PersonaRestore(3, null, "back", null), Given.T0.AddDays(1));

        Assert.Equal(First, atVersion.Persona);
        Assert.Equal("wry", asOf.Persona.Personality);
        Assert.Equal("warm", between.Persona.Personality);
        Assert.Equal(("c_sol", "back"), (atVersion.CompanionId, atVersion.Reason));
    }

    [Fact]
    public void A_restored_revision_is_recognised_as_the_version_it_equals()
    {
        var (timeline, _) = Revised("warm", "wry");
        timeline.Add(5, new PersonaRevised("c_sol", First, "back", Given.T0.AddDays(1)));

        Assert.Equal(2, timeline.History.Current.SameAsVersion);
        Assert.Null(timeline.History.Versions[1].SameAsVersion);
        Assert.Equal(("persona-restored", 5L), (timeline.Changes[0].Kind, timeline.Changes[0].Version));
        Assert.Equal(["personality"], timeline.Changes[0].Fields.AsEnumerable());
    }

    [Theory]
    [InlineData(6L, null, "beyond this user's head version 5")]
    [InlineData(1L, null, "before companion 'c_sol' existed")]
    [InlineData(null, -1.0, "before companion 'c_sol' existed")]
    [InlineData(null, null, "Send 'atVersion'")]
    [InlineData(3L, 1.0, "not both")]
    public void A_restore_it_cannot_place_is_refused_as_invalid_with_what_to_send(long? atVersion, double? hoursAfterStart, string detail)
    {
        var (timeline, state) = Revised("warm", "wry", "terse");
        DateTimeOffset? asOf = hoursAfterStart is { } hours ? Given.T0.AddHours(hours) : null;

        var refused = Assert.Throws<DomainException>(() =>
            PersonaRestoration.Restore(state, timeline.History, new PersonaRestore(atVersion, asOf, "back", null), Given.T0.AddDays(1)));

        Assert.Equal(DomainErrorKind.Invalid, refused.Kind);
        Assert.Contains(detail, refused.Message);
    }

    [Fact]
    public void A_keyed_repeat_of_the_newest_restore_is_recognised_and_an_unkeyed_one_changes_nothing()
    {
        var (timeline, _) = Revised("warm");
        timeline.Add(4, new PersonaRevised("c_sol", First, "back", Given.T0.AddDays(1)));
        var state = UserStateApply.Apply(Revised("warm").State, new PersonaRevised("c_sol", First, "back", Given.T0.AddDays(1)));

        var keyed = PersonaRestoration.AlreadyRestored(timeline.History, new PersonaRestore(2, null, "back", "k1"));
        var otherReason = PersonaRestoration.AlreadyRestored(timeline.History, new PersonaRestore(2, null, "other", "k1"));
        var unkeyed = Assert.Throws<DomainException>(() =>
            PersonaRestoration.Restore(state, timeline.History, new PersonaRestore(2, null, "back", null), Given.T0.AddDays(2)));

        Assert.Equal(4, keyed?.Version);
        Assert.Null(otherReason);
        Assert.Equal(DomainErrorKind.Conflict, unkeyed.Kind);
    }

    [Fact]
    public void The_diff_names_each_changed_field_and_extension_key_with_json_before_and_after()
    {
        var after = First with { Description = "", Personality = "warm", Tags = ["kind", "funny"], Extensions = """{"voice":{"pitch":"high"},"era":2023}""" };

        var diff = PersonaDiff.Between(First, after);

        Assert.Equal(
            [
                new PersonaFieldChange("description", "removed", "\"calm\"", "\"\""),
                new PersonaFieldChange("personality", "added", "\"\"", "\"warm\""),
                new PersonaFieldChange("tags", "changed", "[\"kind\"]", "[\"kind\",\"funny\"]"),
                new PersonaFieldChange("extensions.era", "added", null, "2023"),
                new PersonaFieldChange("extensions.voice", "changed", "\"low\"", "{\"pitch\":\"high\"}"),
            ],
            diff.AsEnumerable());
        Assert.Empty(PersonaDiff.Between(after, after with { Extensions = """{ "era": 2023, "voice": {"pitch": "high"} }""" }));
    }

    [Fact]
    public void The_changes_are_this_companions_alone_newest_first_in_plain_words()
    {
        var timeline = new CompanionTimeline("c_sol");
        UserEvent[] events =
        [
            new CompanionCreated("c_sol", "Sol", First, null, Given.T0),
            new CompanionCreated("c_ada", "Ada", First, null, Given.T0),
            new CompanionRuntimeChanged("c_sol", null, new ModelRuntime("sol-8b", null, null), Given.T0),
            new MemoryRecorded("c_sol", "m_1", "Sister is Ada", "note", 0.5, false, null, Given.T0),
            new CompanionReset("c_ada", "r_0", null, null, Given.T0),
            new CompanionReset("c_sol", "r_1", "fresh start", null, Given.T0),
            new CompanionResetUndone("c_sol", "r_1", null, Given.T0),
            new MemoryForgotten("c_sol", "m_1", Given.T0),
        ];
        for (var i = 0; i < events.Length; i++)
        {
            timeline.Add(i + 10, events[i]);
        }

        var changes = timeline.Changes;

        Assert.Equal(["memory-forgotten", "reset-undone", "reset", "runtime-changed", "created"], changes.Select(c => c.Kind));
        Assert.Equal([17L, 16, 15, 12, 10], changes.Select(c => c.Version));
        Assert.Equal("Forgot a memory: \"Sister is Ada\".", changes[0].Summary);
        Assert.EndsWith("Reason: fresh start", changes[2].Summary);
        Assert.Equal("Spoke for the first time with model sol-8b.", changes[3].Summary);
    }
}
