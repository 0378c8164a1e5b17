using Companion.Domain.Events;
using Companion.Domain.Journaling;
using Companion.Domain.State;

namespace Companion.Domain.Commands;

/// <summary>
/// Decides which event a command produces, or refuses it with a <see cref="DomainException"/>.
/// Pure: ids and the clock come from the caller, so the same inputs always decide the same way.
/// </summary>
public static class UserDecisions
{
    public static UserRegistered Register(UserState state, string userId, string displayName, DateTimeOffset now)
    {
        if (state.IsRegistered)
        {
            throw DomainException.Conflict($"User '{state.UserId}' already exists.");
        }

        return new UserRegistered(userId, Validate.RequiredText(displayName, "displayName", Limits.DisplayName).Trim(), now);
    }

    public static CompanionCreated CreateCompanion(
        UserState state, string companionId, string name, Persona persona, string? requestId, DateTimeOffset now)
    {
        RequireRegistered(state);
        return new CompanionCreated(
            companionId,
            Validate.RequiredText(name, "name", Limits.CompanionName).Trim(),
            ValidPersona(persona),
            Validate.OptionalClientKey(requestId, "requestId"),
            now);
    }

    public static PersonaRevised RevisePersona(UserState state, string companionId, PersonaChanges changes, string? reason, DateTimeOffset now)
    {
        var companion = RequireCompanion(state, companionId);
        var revised = ValidPersona(changes.ApplyTo(companion.Persona));
        if (revised.Equals(companion.Persona))
        {
            throw DomainException.Invalid("The persona changes change nothing; send at least one field with a new value.");
        }

        return new PersonaRevised(companionId, revised, Validate.OptionalText(reason, "reason", Limits.MemoryText), now);
    }

    public static SessionStarted StartSession(UserState state, string companionId, string sessionId, string? requestId, DateTimeOffset now)
    {
        RequireCompanion(state, companionId);
        return new SessionStarted(companionId, sessionId, Validate.OptionalClientKey(requestId, "requestId"), now);
    }

    public static SessionEnded EndSession(UserState state, string companionId, string sessionId, DateTimeOffset now)
    {
        RequireOpenSession(RequireCompanion(state, companionId), sessionId);
        return new SessionEnded(companionId, sessionId, now);
    }

    /// <summary>
    /// Records a message; a companion message whose producer differs from the companion's last
    /// known runtime is preceded by a <see cref="CompanionRuntimeChanged"/>.
    /// </summary>
    public static RecordedMessage RecordMessage(
        UserState state, string companionId, string sessionId, string messageId, MessageRole role,
        string text, ModelRuntime? producer, string? clientMessageId, DateTimeOffset now)
    {
        var companion = RequireCompanion(state, companionId);
        RequireOpenSession(companion, sessionId);
        if (!Enum.IsDefined(role))
        {
            throw DomainException.Invalid("'role' must be 'user', 'companion' or 'system'.");
        }

        var message = new MessageRecorded(
            companionId, sessionId, messageId, role,
            Validate.RequiredText(text, "text", Limits.MessageText),
            ValidProducer(producer),
            Validate.OptionalClientKey(clientMessageId, "messageId"),
            now);
        var changed = message is { Role: MessageRole.Companion, Producer: { } to } && !to.Equals(companion.Runtime)
            ? new CompanionRuntimeChanged(companionId, companion.Runtime, to, now)
            : null;
        return new RecordedMessage(changed, message);
    }

    /// <summary>
    /// Records a memory; with <paramref name="supersession"/> it says when its fact held and which
    /// memory it replaces (checked by <see cref="MemorySupersession.Check"/>).
    /// </summary>
    public static MemoryRecorded RecordMemory(
        UserState state, string companionId, string memoryId, string text, string? kind, double? salience,
        bool pinned, string? requestId, DateTimeOffset now, MemorySupersession? supersession = null)
    {
        var companion = RequireCompanion(state, companionId);
        var checkedSupersession = (supersession ?? MemorySupersession.None).Check(companion, now);
        return new MemoryRecorded(
            companionId, memoryId,
            Validate.RequiredText(text, "text", Limits.MemoryText),
            Validate.OptionalLabel(kind, "kind") ?? "note",
            Validate.Salience(salience),
            pinned,
            Validate.OptionalClientKey(requestId, "requestId"),
            now,
            checkedSupersession.Supersedes,
            checkedSupersession.ValidFrom,
            checkedSupersession.ValidTo);
    }

    public static MemoryPinned PinMemory(UserState state, string companionId, string memoryId, bool pinned, DateTimeOffset now)
    {
        RequireLiveMemory(RequireCompanion(state, companionId), memoryId);
        return new MemoryPinned(companionId, memoryId, pinned, now);
    }

    public static MemoryForgotten ForgetMemory(UserState state, string companionId, string memoryId, DateTimeOffset now)
    {
        RequireLiveMemory(RequireCompanion(state, companionId), memoryId);
        return new MemoryForgotten(companionId, memoryId, now);
    }

    public static CompanionReset ResetCompanion(UserState state, string companionId, string resetId, string? reason, string? requestId, DateTimeOffset now)
    {
        RequireCompanion(state, companionId);
        return new CompanionReset(companionId, resetId,
            Validate.OptionalText(reason, "reason", Limits.MemoryText), Validate.OptionalClientKey(requestId, "requestId"), now);
    }

    /// <summary>Undoes the newest reset in force; a conflict when there is none.</summary>
    public static CompanionResetUndone UndoReset(UserState state, string companionId, string? requestId, DateTimeOffset now)
    {
        var companion = RequireCompanion(state, companionId);
        var key = Validate.OptionalClientKey(requestId, "requestId");
        return companion.ActiveResets.IsEmpty
            ? throw DomainException.Conflict($"Companion '{companionId}' has no reset in force to undo.")
            : new CompanionResetUndone(companionId, companion.ActiveResets[^1].ResetId, key, now);
    }

    /// <summary>
    /// A journal entry; with a <paramref name="practice"/> of the seeded catalogue it carries that
    /// practice's <paramref name="fields"/> (and no others).
    /// </summary>
    public static JournalEntryWritten WriteJournal(
        UserState state, string entryId, string? promptKind, string text, string? mood, string? requestId, DateTimeOffset now,
        string? practice = null, PracticeFields? fields = null)
    {
        RequireRegistered(state);
        var (checkedPractice, checkedFields) = Validate.Practice(PracticeCatalog.Seeded, practice, fields);
        return new JournalEntryWritten(
            entryId,
            Validate.OptionalLabel(promptKind, "prompt"),
            Validate.RequiredText(text, "text", Limits.JournalText),
            Validate.OptionalLabel(mood, "mood"),
            Validate.OptionalClientKey(requestId, "requestId"),
            now,
            checkedPractice,
            checkedFields);
    }

    /// <summary>Revokes every token issued before <paramref name="now"/>.</summary>
    public static AccessRevoked RevokeAccess(UserState state, DateTimeOffset now)
    {
        RequireRegistered(state);
        return new AccessRevoked(now, now);
    }

    /// <summary>Records that a token of the user was issued, by the user or by the operator, and when it expires.</summary>
    public static AccessGranted GrantAccess(UserState state, bool byOperator, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        RequireRegistered(state);
        return new AccessGranted(byOperator ? AccessGranted.ByOperator : AccessGranted.ByUser, expiresAt, now);
    }

    public static void RequireRegistered(UserState state)
    {
        if (!state.IsRegistered)
        {
            throw DomainException.NotFound("No such user.");
        }
    }

    public static CompanionState RequireCompanion(UserState state, string companionId)
    {
        RequireRegistered(state);
        return state.Companions.TryGetValue(companionId, out var companion)
            ? companion
            : throw DomainException.NotFound($"No companion '{companionId}' for this user.");
    }

    private static void RequireOpenSession(CompanionState companion, string sessionId)
    {
        if (!companion.OpenSessions.ContainsKey(sessionId))
        {
            throw DomainException.Conflict($"Session '{sessionId}' is not open for companion '{companion.Id}': start a session first, or it has ended.");
        }
    }

    private static void RequireLiveMemory(CompanionState companion, string memoryId)
    {
        if (!companion.Memories.TryGetValue(memoryId, out var memory))
        {
            throw DomainException.NotFound($"No memory '{memoryId}' for companion '{companion.Id}'.");
        }

        if (memory.IsForgotten)
        {
            throw DomainException.Conflict($"Memory '{memoryId}' was already forgotten.");
        }
    }

    internal static ModelRuntime? ValidProducer(ModelRuntime? producer) => producer is null
        ? null
        : new ModelRuntime(
            Validate.OptionalClientKey(producer.Model, "modelId") ?? throw DomainException.Invalid("'modelId' is required with a producer."),
            Validate.OptionalClientKey(producer.Runtime, "runtime"),
            Validate.OptionalClientKey(producer.RuntimeVersion, "runtimeVersion"));

    private static Persona ValidPersona(Persona persona)
    {
        foreach (var (field, value) in persona.TextFields())
        {
            Validate.Text(value, $"persona.{field}", Limits.PersonaField);
        }

        if (persona.Tags.Length > Limits.PersonaTags)
        {
            throw DomainException.Invalid($"'persona.tags' has {persona.Tags.Length} tags; the limit is {Limits.PersonaTags}.");
        }

        foreach (var tag in persona.Tags)
        {
            Validate.RequiredText(tag, "persona.tags[]", Limits.ShortLabel);
        }

        if (persona.Extensions is { } extensions)
        {
            persona = persona with { Extensions = Validate.JsonObjectText(extensions, "persona.extensions", Limits.PersonaExtensions) };
        }

        if (persona.Card is { } card)
        {
            persona = persona with { Card = Validate.JsonObjectText(card, "persona.card", Limits.PersonaCard) };
        }

        return persona;
    }
}
