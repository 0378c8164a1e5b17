using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Lorebooks;

namespace Companion.Golden.Tests.Generation;

/// <summary>
/// The deterministic life of one user that the newest golden generation records: companions,
/// persona revisions, sessions with conversations from changing model runtimes, memories pinned
/// and forgotten, resets and their undoing, a journal, access tokens revoked twice.
/// Events are decided by <see cref="UserDecisions"/>, so the log is one the product could write.
/// Older generations were written by the version of this script in their commit; the files,
/// not this script, are what the tests read.
/// </summary>
public static class GoldenScript
{
    /// <summary>The schema generation this script writes.</summary>
    public const int Generation = 8;

    /// <summary>
    /// Generation 4 pins the storage format of encryption at rest: the same events as generation
    /// 3, each payload encrypted as the grain stores it, under this fixed test key (committed
    /// beside the log as <c>generation-4.key.json</c>, in the archive's key format).
    /// </summary>
    public static readonly byte[] Key = System.Security.Cryptography.SHA256.HashData("companion golden generation 4 test key"u8);

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 7, 30, 0, TimeSpan.Zero);

    private static readonly ModelRuntime[] Producers =
    [
        new("sol-7b-chat", null, null),
        new("sol-7b-chat", "llama.cpp", "b4500"),
        new("lumen-13b", "vllm", "0.6.3"),
        new("sol-8b-chat", "vllm", "0.7.0"),
    ];
    private static readonly string[] Moods = ["calm", "anxious", "hopeful", "tired", "proud"];
    private static readonly string[] Prompts = ["secure-base-check-in", "internal-weather-report", "reframe"];

    public static GoldenLogWriter Write()
    {
        var stream = $"u_goldengeneration{Generation}";
        var log = new GoldenLogWriter(stream, Start, new Companion.EventLog.Encryption.PayloadCipher(stream, Key));
        log.Emit(UserDecisions.Register(log.State, log.Stream, "Robin Golden", log.Now));

        var companions = new List<string>();
        foreach (var (name, description) in new[] { ("Sol", "A calm, curious friend."), ("Ada", "A patient coach."), ("Wren", "A playful poet.") })
        {
            var created = UserDecisions.CreateCompanion(log.State, log.NextId("c"), name,
                Persona.Empty with { Description = description, Tags = ["golden", name.ToLowerInvariant()] },
                companions.Count == 0 ? "req-create-sol" : null, log.Now);
            log.Emit(created);
            companions.Add(created.CompanionId);
        }

        log.Emit(UserDecisions.RevisePersona(log.State, companions[0],
            new PersonaChanges(Personality: "warm, patient", Extensions: "{\"voice\":\"low\"}"), "first week", log.Now));
        log.Emit(UserDecisions.RevisePersona(log.State, companions[2],
            new PersonaChanges(Scenario: "Evenings, after work.", Tags: ["golden", "wren", "poetry"]), null, log.Now));

        for (var round = 0; round < 24; round++)
        {
            var companionId = companions[round % companions.Count];
            Conversation(log, companionId, round);
            Resets(log, companionId, round);
            if (round is 12 or 20)
            {
                log.Emit(UserDecisions.RevokeAccess(log.State, log.Now));
                log.Emit(UserDecisions.GrantAccess(log.State, byOperator: round == 12, log.Now.AddDays(30), log.Now));
            }

            if (round % 2 == 0)
            {
                log.Emit(UserDecisions.WriteJournal(log.State, log.NextId("j"), Prompts[round % Prompts.Length],
                    $"Day {round}: noticed the old story again, and named it.\nThen let it pass.",
                    Moods[round % Moods.Length], round % 4 == 0 ? $"req-journal-{round}" : null, log.Now));
            }
        }

        log.Emit(UserDecisions.RevisePersona(log.State, companions[0],
            new PersonaChanges(SystemPrompt: "Remember what Robin asked you to remember."), "user asked", log.Now));
        CardCompanion(log);
        ImportedHistory(log, companions[1]);
        Practices(log);
        Reflection(log, companions[0]);
        FactsThatChange(log, companions[1]);
        FactsThatEnd(log, companions[2]);
        return log;
    }

    /// <summary>Generation 7: a fact with its world time, superseded by a newer one (kept as history), which is superseded in turn.</summary>
    private static void FactsThatChange(GoldenLogWriter log, string companionId)
    {
        var lived = UserDecisions.RecordMemory(log.State, companionId, log.NextId("m"), "Robin lives in Lyon.", "fact", 0.7, false, "req-fact-lyon", log.Now,
            new MemorySupersession(ValidFrom: new DateTimeOffset(2019, 9, 1, 0, 0, 0, TimeSpan.Zero)));
        log.Emit(lived);
        var moved = UserDecisions.RecordMemory(log.State, companionId, log.NextId("m"), "Robin lives in Oslo.", "fact", 0.7, false, null, log.Now,
            new MemorySupersession(lived.MemoryId, new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        log.Emit(moved);
        log.Emit(UserDecisions.RecordMemory(log.State, companionId, log.NextId("m"), "Robin lives in Bergen, for a year.", "fact", 0.7, false, null, log.Now,
            new MemorySupersession(moved.MemoryId, log.Now, log.Now.AddYears(1))));
    }

    /// <summary>Generation 8: facts that ended with nothing in their place, one at a time given (with a reason and a request id), one when it was said.</summary>
    private static void FactsThatEnd(GoldenLogWriter log, string companionId)
    {
        var job = UserDecisions.RecordMemory(log.State, companionId, log.NextId("m"), "Robin works at the bakery.", "fact", 0.6, false, null, log.Now,
            new MemorySupersession(ValidFrom: new DateTimeOffset(2023, 4, 1, 0, 0, 0, TimeSpan.Zero)));
        log.Emit(job);
        var together = UserDecisions.RecordMemory(log.State, companionId, log.NextId("m"), "Robin is seeing Sam.", "relationship", 0.8, true, null, log.Now);
        log.Emit(together);
        log.Emit(new MemoryEnding(new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero), "we broke up", "req-end-sam")
            .Decide(log.State, companionId, together.MemoryId, log.Now));
        log.Emit(new MemoryEnding().Decide(log.State, companionId, job.MemoryId, log.Now));
    }

    /// <summary>Generation 6: a SillyTavern chat imported as one session, with original times, speaker names, a system line, swipes and kept fields.</summary>
    private static void ImportedHistory(GoldenLogWriter log, string companionId)
    {
        var sent = new DateTimeOffset(2024, 7, 5, 16, 37, 0, TimeSpan.Zero);
        var history = new HistoryImport("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
        [
            new ImportedMessage(2, MessageRole.System, "The evening is quiet.", sent, "Narrator", null, null, null, "{\"send_date\":\"July 5, 2024 4:37pm\"}"),
            new ImportedMessage(3, MessageRole.User, "Are you still there?", sent.AddMinutes(1), "Robin", null, null, null, "{\"send_date\":1720197480000,\"extra\":{}}"),
            new ImportedMessage(4, MessageRole.Companion, "Always.", sent.AddMinutes(2), "Ada", new ModelRuntime("gpt-4o", "openai", null),
                ["I am.", "Always."], 1, "{\"send_date\":\"July 5, 2024 4:39pm\",\"extra\":{\"api\":\"openai\",\"model\":\"gpt-4o\"},\"gen_started\":\"2024-07-05T16:38:58.000Z\"}"),
        ]);
        log.Emit([.. HistoryImports.Decide(log.State, companionId, log.NextId("s"), () => log.NextId("msg"), history, log.Now)]);
    }

    /// <summary>Generation 6: journal entries that follow a practice, each with its own fields.</summary>
    private static void Practices(GoldenLogWriter log)
    {
        (string Practice, PracticeFields? Fields, string Text)[] entries =
        [
            ("secure-base-check-in", null, "Ada called back. That helped."),
            ("reframe-old-story", new PracticeFields(OldStory: "People always leave", NewStory: "Some people stay"), "Sam missed the bus. He still came."),
            ("imagine-secure-response", new PracticeFields(Situation: "No reply for a day", SecureResponse: "It makes sense this hurt."), "Took a breath first."),
            ("celebrate-connection", new PracticeFields(With: "Ada"), "Laughed on the phone for an hour."),
            ("corrective-experience", new PracticeFields(WhatHappened: "Said I was hurt", WhatWasExpected: "She would pull away", HowItDiffered: "She thanked me"), "It went better than feared."),
            ("when-insecurity-shows-up", new PracticeFields(PatternNoticed: "Checking my phone every minute"), "Put the phone in another room."),
        ];
        foreach (var (practice, fields, text) in entries)
        {
            log.Emit(UserDecisions.WriteJournal(log.State, log.NextId("j"), null, text, "hopeful", practice == "celebrate-connection" ? "req-practice" : null, log.Now, practice, fields));
        }
    }

    /// <summary>Generation 5: a companion that arrived as a Character Card V3 keeps the whole card, and keeps it through a revision.</summary>
    private static void CardCompanion(GoldenLogWriter log)
    {
        const string card = """
            {"spec":"chara_card_v3","spec_version":"3.0","data":{"name":"Moss","description":"A quiet gardener.","tags":["golden","card"],
            "character_version":"1.0.0","alternate_greetings":["Back again?"],"group_only_greetings":[],"nickname":"M",
            "character_book":{"entries":[{"keys":["garden"],"content":"Moss tends a rooftop garden.","enabled":true,"insertion_order":0,"use_regex":false,"extensions":{}}],"extensions":{}},
            "extensions":{"depth_prompt":{"prompt":"Speak softly.","depth":4}},"x_unknown":{"kept":true}},"x_top":1}
            """;
        var created = UserDecisions.CreateCompanion(log.State, log.NextId("c"), "Moss",
            Persona.Empty with
            {
                Description = "A quiet gardener.",
                Tags = ["golden", "card"],
                Extensions = "{\"depth_prompt\":{\"prompt\":\"Speak softly.\",\"depth\":4}}",
                Card = card,
            },
            "req-create-moss", log.Now);
        log.Emit(created);
        log.Emit(UserDecisions.RevisePersona(log.State, created.CompanionId, new PersonaChanges(Scenario: "Mornings, among the tomatoes."), "from the card", log.Now));
        CardLorebook(log, created.CompanionId);
        Pictures(log, created.CompanionId);
    }

    /// <summary>Generation 7: the card companion's picture set, replaced by another, then removed and set again.</summary>
    private static void Pictures(GoldenLogWriter log, string companionId)
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE];
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];
        Emit(log, AvatarDecisions.Set(log.State, companionId, png, AvatarSources.CardPng, log.Now));
        Emit(log, AvatarDecisions.Set(log.State, companionId, jpeg, AvatarSources.Upload, log.Now));
        Emit(log, AvatarDecisions.Remove(log.State, companionId, log.Now));
        Emit(log, AvatarDecisions.Set(log.State, companionId, png, AvatarSources.Upload, log.Now));
    }

    /// <summary>Generation 6: the card companion's lorebook imported, an entry edited, one added, one disabled, one removed.</summary>
    private static void CardLorebook(GoldenLogWriter log, string companionId)
    {
        var garden = new LorebookEntry("1", ["garden"], [], "Moss tends a rooftop garden.", true, 0, null, false, null, null, null, null, null, null, "{}", null);
        var book = new Lorebook(null, null, 2, 300, null, "{}", [garden, garden with { Id = "2", Keys = ["frost"], Content = "Frost worries Moss." }], null);
        log.Emit(LorebookDecisions.Import(log.State, companionId, book, LorebookSources.Card, log.Now));
        log.Emit(LorebookDecisions.SetEntry(log.State, companionId, garden with { Content = "Moss tends a rooftop garden, and a balcony." }, log.Now));
        log.Emit(LorebookDecisions.SetEntry(log.State, companionId,
            garden with { Id = "3", Keys = ["/bee(s)?/i"], UseRegex = true, Selective = true, SecondaryKeys = ["hive"], Priority = 3, Extensions = "{\"selectiveLogic\":0}" }, log.Now));
        log.Emit(LorebookDecisions.DisableEntry(log.State, companionId, "2", log.Now));
        log.Emit(LorebookDecisions.RemoveEntry(log.State, companionId, "3", log.Now));
    }

    /// <summary>Generation 6: a daily check-in scheduled, moved to another time zone, due, and turned off; the rhythm view on and off; a pinned runtime.</summary>
    private static void Reflection(GoldenLogWriter log, string companionId)
    {
        Emit(log, ReflectionDecisions.ScheduleCheckIn(log.State, "07:30", "Europe/Berlin", log.Now));
        Emit(log, ReflectionDecisions.ScheduleCheckIn(log.State, "07:30", "America/New_York", log.Now));
        Emit(log, ReflectionDecisions.EnableRhythm(log.State, log.Now));
        Emit(log, ReflectionDecisions.DisableRhythm(log.State, log.Now));
        Emit(log, ReflectionDecisions.PinRuntime(log.State, companionId, Producers[3], log.Now));

        // Last, as they happen two days on: a check-in due after a missed day, then turned off.
        var later = log.Now.AddDays(2);
        Emit(log, ReflectionDecisions.DueCheckIn(log.State, later));
        Emit(log, ReflectionDecisions.CancelCheckIn(log.State, later));
    }

    private static void Emit(GoldenLogWriter log, UserEvent? @event) =>
        log.Emit(@event ?? throw new InvalidOperationException("The golden script asked for a change the state already had."));

    private static void Resets(GoldenLogWriter log, string companionId, int round)
    {
        if (round is 7 or 9 or 16 or 19)
        {
            log.Emit(UserDecisions.ResetCompanion(log.State, companionId, log.NextId("r"), round == 7 ? null : $"fresh start {round}",
                round == 9 ? "req-reset-9" : null, log.Now));
        }

        if (round is 10 or 18 or 22)
        {
            log.Emit(UserDecisions.UndoReset(log.State, companionId, round == 18 ? "req-undo-18" : null, log.Now));
        }
    }

    private static void Conversation(GoldenLogWriter log, string companionId, int round)
    {
        var session = UserDecisions.StartSession(log.State, companionId, log.NextId("s"), round % 3 == 0 ? $"req-session-{round}" : null, log.Now);
        log.Emit(session);
        var turns = 4 + (round % 5);
        for (var turn = 0; turn < turns; turn++)
        {
            log.Emit([.. UserDecisions.RecordMessage(log.State, companionId, session.SessionId, log.NextId("msg"), MessageRole.User,
                $"Round {round}, turn {turn}: people always leave? 🌧️", null, turn % 2 == 0 ? $"client-{round}-{turn}" : null, log.Now).Events]);
            var producer = turn == 3 ? null : Producers[(round / 5 + turn / 4) % Producers.Length];
            log.Emit([.. UserDecisions.RecordMessage(log.State, companionId, session.SessionId, log.NextId("msg"), MessageRole.Companion,
                $"I am still here (round {round}, turn {turn}). Who stayed, even once?", producer, null, log.Now).Events]);
        }

        var memory = UserDecisions.RecordMemory(log.State, companionId, log.NextId("m"),
            $"Round {round}: Robin named who stayed.", round % 2 == 0 ? "insight" : "fact", (round % 10) / 10.0,
            round % 5 == 0, round % 4 == 1 ? $"req-memory-{round}" : null, log.Now);
        log.Emit(memory);
        if (round % 3 == 1)
        {
            log.Emit(UserDecisions.PinMemory(log.State, companionId, memory.MemoryId, true, log.Now));
        }

        if (round % 4 == 2)
        {
            log.Emit(UserDecisions.ForgetMemory(log.State, companionId, memory.MemoryId, log.Now));
        }

        if (round < 21)
        {
            log.Emit(UserDecisions.EndSession(log.State, companionId, session.SessionId, log.Now));
        }
    }
}
