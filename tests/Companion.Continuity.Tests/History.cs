using System.Collections.Immutable;
using System.Text.Json;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.History;

namespace Companion.Continuity.Tests;

/// <summary>
/// Builds a user's envelopes without a grain: events sealed with <see cref="EnvelopeChain.Seal"/>.
/// Messages are made from their stored v1 JSON through the registry, so this keeps compiling
/// when the message event gains fields in a later schema version.
/// </summary>
internal sealed class History(string userId = "u_robin0001")
{
    public static readonly EventTypeRegistry Registry = EventTypeRegistry.ForUserEvents();
    private readonly List<EventEnvelope> _envelopes = [];
    private DateTimeOffset _clock = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public string UserId { get; } = userId;

    public IReadOnlyList<EventEnvelope> Envelopes => _envelopes;

    public DateTimeOffset Next() => _clock = _clock.AddMinutes(7);

    public History Add(UserEvent @event)
    {
        var head = _envelopes.Count == 0 ? StreamHead.Empty : new StreamHead(_envelopes[^1].Version, _envelopes[^1].Hash);
        _envelopes.AddRange(EnvelopeChain.Seal(UserId, head, [Registry.ToData(@event)]));
        return this;
    }

    public History Message(string companionId, string sessionId, string role, string text, string? modelId = null)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            companionId,
            sessionId,
            messageId = $"msg_{_envelopes.Count:D8}",
            role,
            text,
            modelId,
            clientMessageId = (string?)null,
            occurredAt = Next(),
        }, EventJson.Options);
        return Add(Registry.Deserialize("message-recorded", 1, payload));
    }

    /// <summary>A small but complete history: a companion with extensions, a conversation, memories (one forgotten), journal entries.</summary>
    public static History Sample(int messages = 4)
    {
        var history = new History();
        history.Add(new UserRegistered(history.UserId, "Robin", history.Next()));
        var persona = Persona.Empty with
        {
            Description = "A calm, curious friend.",
            Personality = "warm, patient",
            Scenario = "Evenings after work.",
            FirstMessage = "Hello again.",
            ExampleMessages = "<START>\n{{user}}: hi\n{{char}}: hi!",
            SystemPrompt = "Be kind.",
            CreatorNotes = "Made for Robin.",
            Tags = ImmutableArray.Create("friend", "calm"),
            Extensions = """{"depth_prompt":{"depth":4,"prompt":"stay warm"},"talkativeness":"0.5"}""",
        };
        history.Add(new CompanionCreated("c_sol00001", "Sol", persona, null, history.Next()));
        history.Add(new SessionStarted("c_sol00001", "s_first001", null, history.Next()));
        for (var i = 0; i < messages; i++)
        {
            history.Message("c_sol00001", "s_first001", i % 2 == 0 ? "user" : "companion",
                i == 0 ? "People always leave." : $"Message number {i}.", i % 2 == 0 ? null : "demo-model");
        }

        history.Add(new SessionEnded("c_sol00001", "s_first001", history.Next()));
        history.Add(new MemoryRecorded("c_sol00001", "m_keep0001", "Robin is reframing the story that people always leave.", "insight", 0.9, true, null, history.Next()));
        history.Add(new MemoryRecorded("c_sol00001", "m_gone0001", "Robin dislikes Mondays.", "fact", 0.3, false, null, history.Next()));
        history.Add(new MemoryForgotten("c_sol00001", "m_gone0001", history.Next()));
        history.Add(new JournalEntryWritten("j_first001", "secure-base-check-in", "Woke up anxious, then remembered Ada called back.", "hopeful", null, history.Next()));
        history.Add(new JournalEntryWritten("j_second01", null, "A quiet day.", null, null, history.Next()));
        return history;
    }
}
