namespace Companion.Client;

// Facts that change over time: memories as of a log version or time, and filtered by world time.
public sealed partial class CompanionClient
{
    /// <summary>
    /// A companion's memories, oldest first, forgotten ones left out:
    /// <c>GET /v1/users/{userId}/companions/{companionId}/memories</c>.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="companionId">The companion.</param>
    /// <param name="atVersion">As of this log version; not with <paramref name="asOf"/>.</param>
    /// <param name="asOf">As the log held it at this time (when things were recorded); not with <paramref name="atVersion"/>.</param>
    /// <param name="validAt">Only the memories whose fact held at this world time, superseded ones included.</param>
    /// <param name="includeSuperseded">Without <paramref name="validAt"/>: true to keep memories a newer one superseded.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<MemoryList> ListMemoriesAsync(
        string userId, string companionId, long? atVersion = null, DateTimeOffset? asOf = null, DateTimeOffset? validAt = null,
        bool includeSuperseded = false, CancellationToken cancellationToken = default) =>
        GetAsync<MemoryList>(Query(UserPath(userId, "companions", companionId, "memories"),
            ("atVersion", Text(atVersion)), ("asOf", Text(asOf)), ("validAt", Text(validAt)), ("includeSuperseded", includeSuperseded ? "true" : null)),
            cancellationToken);

    /// <summary>
    /// The user's state as the log held it at <paramref name="asOf"/> (every event recorded at or
    /// before it): <c>GET /v1/users/{userId}/state?asOf=</c>.
    /// </summary>
    public Task<UserState> GetStateAsOfAsync(string userId, DateTimeOffset asOf, CancellationToken cancellationToken = default) =>
        GetAsync<UserState>(Query(UserPath(userId, "state"), ("asOf", Text(asOf))), cancellationToken);

    /// <summary>
    /// Records <paramref name="memory"/> as the new version of the fact in <paramref name="supersededMemoryId"/>;
    /// the old memory is kept as history: <c>POST /v1/users/{userId}/companions/{companionId}/memories</c>.
    /// </summary>
    public Task<MemoryWritten> SupersedeMemoryAsync(
        string userId, string companionId, string supersededMemoryId, NewMemory memory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return RecordMemoryAsync(userId, companionId, memory with { Supersedes = supersededMemoryId }, cancellationToken);
    }
}
