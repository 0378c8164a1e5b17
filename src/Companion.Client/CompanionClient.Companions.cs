using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Client;

// Companions, their personas, sessions and messages, and the context for the model.
public sealed partial class CompanionClient
{
    /// <summary>Creates a companion with a persona: <c>POST /v1/users/{userId}/companions</c>.</summary>
    public Task<CompanionCreated> CreateCompanionAsync(string userId, NewCompanion companion, CancellationToken cancellationToken = default) =>
        SendJsonAsync<NewCompanion, CompanionCreated>(HttpMethod.Post, UserPath(userId, "companions"), companion, cancellationToken);

    /// <summary>
    /// Creates a companion from a Character Card V2 or V3 JSON object, whose extensions are kept:
    /// <c>POST /v1/users/{userId}/companions/from-card</c>.
    /// </summary>
    public Task<CompanionCreated> CreateCompanionFromCardAsync(string userId, JsonElement card, string? requestId = null, CancellationToken cancellationToken = default) =>
        SendAsync<CompanionCreated>(HttpMethod.Post, Query(UserPath(userId, "companions", "from-card"), ("requestId", requestId)),
            JsonContent.Create(card, options: Json), cancellationToken);

    /// <summary>Revises some persona fields (null ones stay): <c>PATCH /v1/users/{userId}/companions/{companionId}/persona</c>.</summary>
    public Task<EventAppended> RevisePersonaAsync(string userId, string companionId, PersonaFields changes, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var body = new PersonaRevision(changes.Description, changes.Personality, changes.Scenario, changes.FirstMessage, changes.ExampleMessages,
            changes.SystemPrompt, changes.CreatorNotes, changes.Tags, changes.Extensions, reason);
        return SendJsonAsync<PersonaRevision, EventAppended>(HttpMethod.Patch, UserPath(userId, "companions", companionId, "persona"), body, cancellationToken);
    }

    /// <summary>Starts a conversation session: <c>POST /v1/users/{userId}/companions/{companionId}/sessions</c>.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="companionId">The companion to talk with.</param>
    /// <param name="requestId">A client key: sending it again starts nothing more and answers with the first session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<SessionStarted> StartSessionAsync(string userId, string companionId, string? requestId = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<RequestKey, SessionStarted>(HttpMethod.Post, UserPath(userId, "companions", companionId, "sessions"), new(requestId), cancellationToken);

    /// <summary>
    /// Records a message; a repeated <see cref="NewMessage.MessageId"/> writes nothing and answers
    /// with the first result (<see cref="MessageRecorded.Duplicate"/>):
    /// <c>POST /v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/messages</c>.
    /// </summary>
    public Task<MessageRecorded> RecordMessageAsync(string userId, string companionId, string sessionId, NewMessage message, CancellationToken cancellationToken = default) =>
        SendJsonAsync<NewMessage, MessageRecorded>(HttpMethod.Post, UserPath(userId, "companions", companionId, "sessions", sessionId, "messages"), message, cancellationToken);

    /// <summary>Ends a session: <c>POST /v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/end</c>.</summary>
    public Task<EventAppended> EndSessionAsync(string userId, string companionId, string sessionId, CancellationToken cancellationToken = default) =>
        SendAsync<EventAppended>(HttpMethod.Post, UserPath(userId, "companions", companionId, "sessions", sessionId, "end"), content: null, cancellationToken);

    /// <summary>
    /// The context for the model: persona, pinned and salient memories, recent messages within
    /// <paramref name="budget"/> characters (default 12,000) and at most <paramref name="messages"/>
    /// messages: <c>GET /v1/users/{userId}/companions/{companionId}/context</c>.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="companionId">The companion.</param>
    /// <param name="budget">Characters the context may use; the silo's default when null.</param>
    /// <param name="messages">Recent messages to include at most; the silo's default when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<MemoryContext> GetContextAsync(string userId, string companionId, int? budget = null, int? messages = null, CancellationToken cancellationToken = default) =>
        GetAsync<MemoryContext>(Query(UserPath(userId, "companions", companionId, "context"), ("budget", Text(budget)), ("messages", Text(messages))), cancellationToken);

    private sealed record PersonaRevision(
        string? Description, string? Personality, string? Scenario, string? FirstMessage, string? ExampleMessages,
        string? SystemPrompt, string? CreatorNotes, IReadOnlyList<string>? Tags, JsonElement? Extensions, string? Reason);

    /// <summary>The optional body of calls whose only field is a client key.</summary>
    private sealed record RequestKey(string? RequestId);
}
