namespace Companion.Client;

// What a companion remembers, and soft resets of it. Nothing is deleted: each change is an event.
public sealed partial class CompanionClient
{
    /// <summary>Records a memory: <c>POST /v1/users/{userId}/companions/{companionId}/memories</c>.</summary>
    public Task<MemoryWritten> RecordMemoryAsync(string userId, string companionId, NewMemory memory, CancellationToken cancellationToken = default) =>
        SendJsonAsync<NewMemory, MemoryWritten>(HttpMethod.Post, UserPath(userId, "companions", companionId, "memories"), memory, cancellationToken);

    /// <summary>Pins or unpins a memory: <c>PUT /v1/users/{userId}/companions/{companionId}/memories/{memoryId}/pin</c>.</summary>
    public Task<MemoryWritten> PinMemoryAsync(string userId, string companionId, string memoryId, bool pinned, CancellationToken cancellationToken = default) =>
        SendJsonAsync<PinBody, MemoryWritten>(HttpMethod.Put, UserPath(userId, "companions", companionId, "memories", memoryId, "pin"), new(pinned), cancellationToken);

    /// <summary>
    /// Says a memory's fact stopped holding, with nothing in its place ("I no longer work at the
    /// bakery"): at <paramref name="validTo"/> (world time; now when null). The memory is kept; once
    /// its end has passed it is history, left out of the context, search and the default list:
    /// <c>POST /v1/users/{userId}/companions/{companionId}/memories/{memoryId}/end</c>.
    /// </summary>
    public Task<MemoryWritten> EndMemoryAsync(
        string userId, string companionId, string memoryId, DateTimeOffset? validTo = null, string? reason = null, string? requestId = null,
        CancellationToken cancellationToken = default) =>
        SendJsonAsync<EndBody, MemoryWritten>(HttpMethod.Post, UserPath(userId, "companions", companionId, "memories", memoryId, "end"), new(validTo, reason, requestId), cancellationToken);

    /// <summary>Forgets a memory; history keeps the event: <c>DELETE /v1/users/{userId}/companions/{companionId}/memories/{memoryId}</c>.</summary>
    public Task<MemoryWritten> ForgetMemoryAsync(string userId, string companionId, string memoryId, CancellationToken cancellationToken = default) =>
        SendAsync<MemoryWritten>(HttpMethod.Delete, UserPath(userId, "companions", companionId, "memories", memoryId), content: null, cancellationToken);

    /// <summary>
    /// Hides every memory and message recorded so far from the companion's context; deletes nothing:
    /// <c>POST /v1/users/{userId}/companions/{companionId}/reset</c>.
    /// </summary>
    public Task<CompanionReset> ResetCompanionAsync(string userId, string companionId, string? reason = null, string? requestId = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<ResetBody, CompanionReset>(HttpMethod.Post, UserPath(userId, "companions", companionId, "reset"), new(reason, requestId), cancellationToken);

    /// <summary>
    /// Undoes the newest reset in force; with none in force the silo answers 409 (a
    /// <see cref="CompanionApiException"/>): <c>POST /v1/users/{userId}/companions/{companionId}/reset/undo</c>.
    /// </summary>
    public Task<CompanionReset> UndoResetAsync(string userId, string companionId, string? requestId = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<RequestKey, CompanionReset>(HttpMethod.Post, UserPath(userId, "companions", companionId, "reset", "undo"), new(requestId), cancellationToken);

    private sealed record PinBody(bool Pinned);

    private sealed record EndBody(DateTimeOffset? ValidTo, string? Reason, string? RequestId);

    private sealed record ResetBody(string? Reason, string? RequestId);
}
