namespace Companion.Client;

/// <summary>A user's state as derived from the log (now, or at a past version).</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="DisplayName">The user's display name.</param>
/// <param name="RegisteredAt">When the user was created.</param>
/// <param name="Version">The log version the state is derived up to.</param>
/// <param name="LastEventAt">When the newest event in it happened.</param>
/// <param name="Companions">The user's companions by id.</param>
/// <param name="Journal">The journal, oldest first.</param>
/// <param name="TokensValidFrom">Tokens issued before this time are refused (after a revocation).</param>
public sealed record UserState(
    string? UserId,
    string DisplayName,
    DateTimeOffset? RegisteredAt,
    long Version,
    DateTimeOffset? LastEventAt,
    IReadOnlyDictionary<string, CompanionState> Companions,
    IReadOnlyList<JournalEntry> Journal,
    DateTimeOffset? TokensValidFrom);

/// <summary>A companion as derived from the log.</summary>
/// <param name="Id">The companion's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Persona">Its persona now.</param>
/// <param name="PersonaRevision">How many times its persona was revised.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="OpenSessions">Sessions not yet ended, by id.</param>
/// <param name="SessionCount">Sessions started in all.</param>
/// <param name="MessageCount">Messages recorded in all.</param>
/// <param name="RecentMessages">The newest messages, oldest first.</param>
/// <param name="Memories">Every memory by id, forgotten ones included.</param>
/// <param name="ActiveResets">Resets in force, oldest first.</param>
/// <param name="Runtime">The model that produced its last companion message, when named.</param>
public sealed record CompanionState(
    string Id,
    string Name,
    Persona Persona,
    int PersonaRevision,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, OpenSession> OpenSessions,
    long SessionCount,
    long MessageCount,
    IReadOnlyList<Message> RecentMessages,
    IReadOnlyDictionary<string, Memory> Memories,
    IReadOnlyList<ResetInForce> ActiveResets,
    ModelProducer? Runtime);

/// <summary>A session not yet ended.</summary>
/// <param name="Id">The session's id.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="MessageCount">Messages recorded in it.</param>
public sealed record OpenSession(string Id, DateTimeOffset StartedAt, long MessageCount);

/// <summary>A reset in force: everything before <paramref name="Version"/> is hidden from the context.</summary>
/// <param name="ResetId">The reset's id.</param>
/// <param name="Reason">Why, when given.</param>
/// <param name="At">When it was made.</param>
/// <param name="Version">Its log version.</param>
public sealed record ResetInForce(string ResetId, string? Reason, DateTimeOffset At, long Version);
