using System.Text;
using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.History;

namespace Companion.Grains.Tests;

/// <summary>Resets, runtime changes and old stored schemas through the grain.</summary>
public sealed class UserGrainContinuityTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly Persona Persona = Persona.Empty with { Description = "calm" };
    private static readonly ModelRuntime SolOnLlama = new("sol-7b-chat", "llama.cpp", "b4500");
    private static readonly ModelRuntime SolOnVllm = new("sol-7b-chat", "vllm", "0.7.0");

    [Fact]
    public async Task A_reset_hides_the_context_and_its_undo_brings_it_back_even_after_reactivation()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona, null);
        var session = await user.StartSession(companion.Id, null);
        await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "People always leave.", null, null);
        await user.RecordMemory(companion.Id, new MemoryInput("Sister is Ada", "fact", 0.9, true, null));
        var before = await user.GetContext(companion.Id, 12_000, 30);

        var reset = await user.ResetCompanion(companion.Id, "fresh start", null);
        await fixture.DeactivateAllAsync();
        var hidden = await user.GetContext(companion.Id, 12_000, 30);
        var undo = await user.UndoReset(companion.Id, null);
        var back = await user.GetContext(companion.Id, 12_000, 30);
        var again = await Assert.ThrowsAsync<DomainException>(() => user.UndoReset(companion.Id, null));

        Assert.StartsWith("r_", reset.Id);
        Assert.Equal(reset.Id, undo.Id);
        Assert.Equal(reset.Version + 1, undo.Version);
        Assert.Empty(hidden.PinnedMemories);
        Assert.Empty(hidden.RecentMessages);
        Assert.Equal(before.PinnedMemories.AsEnumerable(), back.PinnedMemories.AsEnumerable());
        Assert.Equal(before.RecentMessages.AsEnumerable(), back.RecentMessages.AsEnumerable());
        Assert.Equal(DomainErrorKind.Conflict, again.Kind);
    }

    [Fact]
    public async Task A_retried_undo_returns_the_original_result_and_leaves_the_older_reset_in_force()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona, null);
        var older = await user.ResetCompanion(companion.Id, null, "reset-1");
        var retriedReset = await user.ResetCompanion(companion.Id, null, "reset-1");
        var newer = await user.ResetCompanion(companion.Id, null, "reset-2");

        var undo = await user.UndoReset(companion.Id, "undo-1");
        var retriedUndo = await user.UndoReset(companion.Id, "undo-1");
        var state = await user.GetState();

        Assert.Equal((older.Id, older.Version, true), (retriedReset.Id, retriedReset.Version, retriedReset.Duplicate));
        Assert.Equal(newer.Id, undo.Id);
        Assert.Equal((undo.Id, undo.Version, true), (retriedUndo.Id, retriedUndo.Version, retriedUndo.Duplicate));
        Assert.Equal([older.Id], state.Companions[companion.Id].ActiveResets.Select(r => r.ResetId));
        Assert.Equal(undo.Version, state.Version);
    }

    [Fact]
    public async Task A_new_runtime_is_recorded_with_its_message_in_one_gap_free_append_and_a_retry_writes_nothing()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona, null);
        var session = await user.StartSession(companion.Id, null);

        var first = await user.RecordMessage(companion.Id, session.Id, MessageRole.Companion, "Hello.", SolOnLlama, "k-1");
        var retry = await user.RecordMessage(companion.Id, session.Id, MessageRole.Companion, "Hello.", SolOnLlama, "k-1");
        var same = await user.RecordMessage(companion.Id, session.Id, MessageRole.Companion, "Still me.", SolOnLlama, "k-2");
        var moved = await user.RecordMessage(companion.Id, session.Id, MessageRole.Companion, "New runtime.", SolOnVllm, "k-3");
        await fixture.DeactivateAllAsync();
        var retryAfterReactivation = await user.RecordMessage(companion.Id, session.Id, MessageRole.Companion, "New runtime.", SolOnVllm, "k-3");

        Assert.Equal((5, 6, 8), (first.Version, same.Version, moved.Version));
        Assert.Equal((first.Id, first.Version, true), (retry.Id, retry.Version, retry.Duplicate));
        Assert.Equal((moved.Id, moved.Version, true), (retryAfterReactivation.Id, retryAfterReactivation.Version, retryAfterReactivation.Duplicate));
        var envelopes = await ReadAllAsync(user.GetPrimaryKeyString());
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, envelopes));
        Assert.Equal(
            ["user-registered", "companion-created", "session-started", "companion-runtime-changed", "message-recorded",
             "message-recorded", "companion-runtime-changed", "message-recorded"],
            envelopes.Select(e => e.Type));
        var change = Assert.IsType<CompanionRuntimeChanged>(EventTypeRegistry.ForUserEvents().FromEnvelope(await fixture.RevealAsync(envelopes[6])));
        Assert.Equal((SolOnLlama, SolOnVllm), (change.From, change.To));
    }

    [Fact]
    public async Task A_stored_v1_message_is_upcast_on_activation_and_its_model_becomes_the_last_known_runtime()
    {
        var stream = Ids.New("u");
        var registry = EventTypeRegistry.ForUserEvents();
        var at = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
        var v1Payload = Encoding.UTF8.GetBytes(
            "{\"companionId\":\"c_legacy00000000\",\"sessionId\":\"s_legacy00000000\",\"messageId\":\"msg_legacy0000000\",\"role\":\"companion\"," +
            "\"text\":\"Written by the first release.\",\"modelId\":\"legacy-model\",\"clientMessageId\":null,\"occurredAt\":\"2025-06-01T09:00:00+00:00\",\"idempotencyKey\":null}");
        var envelopes = EnvelopeChain.Seal(stream, StreamHead.Empty,
        [
            registry.ToData(new UserRegistered(stream, "Robin", at)),
            registry.ToData(new CompanionCreated("c_legacy00000000", "Sol", Persona, null, at)),
            registry.ToData(new SessionStarted("c_legacy00000000", "s_legacy00000000", null, at)),
            new EventData("message-recorded", 1, at, null, v1Payload),
        ]);
        await fixture.Log.AppendAsync(stream, 0, envelopes);
        var user = fixture.Grains.GetGrain<IUserGrain>(stream);

        var state = await user.GetState();
        var next = await user.RecordMessage("c_legacy00000000", "s_legacy00000000", MessageRole.Companion, "Upgraded.", SolOnVllm, null);

        var companion = state.Companions["c_legacy00000000"];
        Assert.Equal(new ModelRuntime("legacy-model", null, null), Assert.Single(companion.RecentMessages).Producer);
        Assert.Equal(new ModelRuntime("legacy-model", null, null), companion.Runtime);
        Assert.Equal(6, next.Version);
        var stored = await ReadAllAsync(stream);
        Assert.Equal(v1Payload, stored[3].Payload.ToArray());
        var change = Assert.IsType<CompanionRuntimeChanged>(registry.FromEnvelope(await fixture.RevealAsync(stored[4])));
        Assert.Equal(new ModelRuntime("legacy-model", null, null), change.From);
    }

    private async Task<List<EventEnvelope>> ReadAllAsync(string stream)
    {
        var envelopes = new List<EventEnvelope>();
        await foreach (var envelope in fixture.Log.ReadAsync(stream))
        {
            envelopes.Add(envelope);
        }

        return envelopes;
    }
}
