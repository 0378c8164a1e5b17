using Companion.Domain.Events;
using Companion.Domain.Lorebooks;
using Companion.Domain.State;

namespace Companion.Golden.Tests;

/// <summary>One instance of every event type, with every optional field set, and a state each applies to.</summary>
internal static class SampleEvents
{
    public static readonly DateTimeOffset At = new(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

    private static readonly LorebookEntry Entry = new("e1", ["garden", "soil"], ["rain"], "@@depth 4\nMoss tends a garden.", true, 10, true, false, false, true,
        "Garden", 5, "a comment", "after_char", "{\"selectiveLogic\":3}", "{\"x_future\":1}");

    private static readonly Lorebook Book = new("Moss", "a book", 3, 400, false, "{\"x_tool\":true}", [Entry], "{\"x_book\":1}");

    private static readonly Persona Persona = Persona.Empty with { Description = "calm", Tags = ["a", "b"], Extensions = "{\"x\":1}" };

    public static IReadOnlyList<UserEvent> All { get; } =
    [
        new UserRegistered("u_sample00000000", "Robin", At),
        new CompanionCreated("c_new", "Ada", Persona, "req-1", At),
        new PersonaRevised("c_sol", Persona with { Personality = "warm" }, "asked", At),
        new SessionStarted("c_sol", "s_2", "req-2", At),
        new SessionEnded("c_sol", "s_1", At),
        new MessageRecorded("c_sol", "s_1", "msg_1", MessageRole.Companion, "hello 🌧️", new ModelRuntime("model-a", "vllm", "0.6.3"), "client-1", At,
            At.AddYears(-2), "Seraphina", ["hello 🌧️", "hi"], 0, "{\"send_date\":\"July 5, 2024 4:37pm\",\"extra\":{\"api\":\"openai\",\"model\":\"gpt-4o\"}}"),
        new MemoryRecorded("c_sol", "m_2", "Likes rain", "preference", 0.25, true, "req-3", At, "m_1", At.AddDays(-3), At.AddYears(1)),
        new MemoryPinned("c_sol", "m_1", true, At),
        new MemoryEnded("c_sol", "m_1", At.AddDays(-1), "moved on", "req-7", At),
        new MemoryForgotten("c_sol", "m_1", At),
        new JournalEntryWritten("j_1", "reframe", "dear diary", "calm", "req-4", At,
            "reframe-old-story", new PracticeFields(OldStory: "People always leave", NewStory: "Some people stay")),
        new CompanionReset("c_sol", "r_2", "fresh start", "req-5", At),
        new CompanionResetUndone("c_sol", "r_1", "req-6", At),
        new CompanionRuntimeChanged("c_sol", new ModelRuntime("model-a", null, null), new ModelRuntime("model-b", "vllm", "0.7.0"), At),
        new AccessRevoked(At, At),
        new AccessGranted(AccessGranted.ByOperator, At.AddDays(30), At),
        new LorebookImported("c_sol", Book, LorebookSources.WorldInfo, At),
        new LorebookEntrySet("c_sol", Entry with { Id = "e2", Enabled = false }, At),
        new LorebookEntryDisabled("c_sol", "e1", At),
        new LorebookEntryRemoved("c_sol", "e1", At),
        new CheckInScheduled("07:30", "Europe/Berlin", At),
        new CheckInCancelled(At),
        new CheckInDue(new DateOnly(2026, 2, 3), "Europe/Berlin", At, 2, At),
        new RhythmEnabled(At),
        new RhythmDisabled(At),
        new CompanionRuntimePinned("c_sol", new ModelRuntime("model-b", "vllm", "0.7.0"), At),
        new CompanionAvatarSet("c_sol", "image/png", Convert.ToBase64String([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]), "8a9e", AvatarSources.CardPng, At),
        new CompanionAvatarRemoved("c_sol", At),
    ];

    /// <summary>A user with companion c_sol, open session s_1, memory m_1, reset r_1 in force and lorebook entry e1: every sample applies to it.</summary>
    public static UserState Base { get; } = new UserEvent[]
    {
        new UserRegistered("u_sample00000000", "Robin", At),
        new CompanionCreated("c_sol", "Sol", Persona, null, At),
        new SessionStarted("c_sol", "s_1", null, At),
        new MemoryRecorded("c_sol", "m_1", "Has a sister, Ada", "fact", 0.9, false, null, At),
        new CompanionReset("c_sol", "r_1", null, null, At),
        new LorebookImported("c_sol", Book, LorebookSources.Card, At),
    }.Aggregate(UserState.Empty, UserStateApply.Apply);
}
