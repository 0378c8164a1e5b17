using System.Reflection;
using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

/// <summary>Each keyed event declares its own request key; the index remembers it under exactly that key.</summary>
public sealed class RequestKeyTests
{
    private const string Key = "k-1";

    /// <summary>One event of every keyed type, each with <see cref="Key"/>, in an order that applies.</summary>
    private static UserEvent[] KeyedEvents() =>
    [
        new CompanionCreated("c_two", "Ada", Persona.Empty, Key, Given.T0),
        new SessionStarted("c_sol", "s_2", Key, Given.T0),
        new MessageRecorded("c_sol", "s_1", "msg_1", MessageRole.User, "hi", null, Key, Given.T0),
        new MemoryRecorded("c_sol", "m_1", "Likes rain.", "fact", 0.5, false, Key, Given.T0),
        new MemoryEnded("c_sol", "m_1", null, "moved away", Key, Given.T0),
        new CompanionReset("c_sol", "r_1", null, Key, Given.T0),
        new CompanionResetUndone("c_sol", "r_1", Key, Given.T0),
        new JournalEntryWritten("j_1", null, "A calm day.", null, Key, Given.T0),
    ];

    [Fact]
    public void Every_keyed_event_is_remembered_under_the_key_its_command_looks_up()
    {
        var state = Given.WithSession();
        foreach (var @event in KeyedEvents())
        {
            state = state.Then(@event);
            var key = Assert.IsType<RequestKey>(@event.KeyedBy());
            var outcome = state.Requests.Find(key);

            Assert.True(outcome is not null, $"{@event.GetType().Name} was not remembered under {key}.");
            Assert.Equal(state.Version, outcome.Version);
            Assert.Equal(@event.Fingerprint(), outcome.Fingerprint);
        }

        Assert.Equal(KeyedEvents().Length, state.Requests.Outcomes.Count);
    }

    [Fact]
    public void A_keyed_events_scope_starts_with_its_own_stored_name()
    {
        Assert.All(KeyedEvents(), @event =>
        {
            var name = @event.GetType().GetCustomAttribute<EventTypeAttribute>()!.Name;
            var key = @event.KeyedBy()!;
            Assert.True(key.Scope == name || key.Scope.StartsWith(name + "/", StringComparison.Ordinal), $"{key.Scope} is not under {name}.");
            Assert.Equal(Key, key.ClientKey);
        });
    }

    [Fact]
    public void Every_event_type_that_carries_a_client_key_declares_the_key_it_is_retried_by()
    {
        var eventTypes = typeof(UserEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(UserEvent)) && !t.IsAbstract);
        var carriesKey = eventTypes.Where(t => t.GetProperty(nameof(UserEvent.IdempotencyKey))!.DeclaringType == t).ToList();
        var undeclared = carriesKey.Where(t => t.GetMethod(nameof(UserEvent.KeyedBy))!.DeclaringType != t).Select(t => t.Name).ToList();

        Assert.Equal(8, carriesKey.Count);
        Assert.True(undeclared.Count == 0, $"These events carry a client key but declare no request key: {string.Join(", ", undeclared)}.");
        Assert.Equal(carriesKey.Select(t => t.Name).Order(), KeyedEvents().Select(e => e.GetType().Name).Order());
    }

    [Fact]
    public void The_same_message_id_in_another_session_or_companion_is_another_key()
    {
        var keys = new[]
        {
            MessageRecorded.KeyOf("c_sol", "s_1", Key),
            MessageRecorded.KeyOf("c_sol", "s_2", Key),
            MessageRecorded.KeyOf("c_ada", "s_1", Key),
            SessionStarted.KeyOf("c_sol", Key),
            JournalEntryWritten.KeyOf(Key),
        };

        Assert.Equal(keys.Length, keys.Select(k => k!.ToString()).Distinct().Count());
    }

    [Fact]
    public void A_fingerprint_tells_apart_what_was_asked_and_ignores_what_the_service_chose()
    {
        var asked = new MessageRecorded("c_sol", "s_1", "msg_1", MessageRole.User, "I passed.", null, Key, Given.T0);

        Assert.Equal(asked.Fingerprint(), (asked with { MessageId = "msg_2", OccurredAt = Given.T0.AddHours(1) }).Fingerprint());
        Assert.NotEqual(asked.Fingerprint(), (asked with { Text = "I failed." }).Fingerprint());
        Assert.NotEqual(asked.Fingerprint(), (asked with { Role = MessageRole.Companion }).Fingerprint());
        Assert.NotEqual(RequestFingerprint.Of("ab", "c"), RequestFingerprint.Of("a", "bc"));
        Assert.NotEqual(RequestFingerprint.Of(null, "x"), RequestFingerprint.Of("", "x"));
    }
}
