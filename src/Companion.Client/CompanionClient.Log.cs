using System.Runtime.CompilerServices;

namespace Companion.Client;

// The raw log and the state derived from it.
public sealed partial class CompanionClient
{
    /// <summary>
    /// The user's state derived from the log: now, or as it was at <paramref name="atVersion"/>
    /// (1 to the head version): <c>GET /v1/users/{userId}/state</c>.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="atVersion">A past version, or null for now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<UserState> GetStateAsync(string userId, long? atVersion = null, CancellationToken cancellationToken = default) =>
        GetAsync<UserState>(Query(UserPath(userId, "state"), ("atVersion", Text(atVersion))), cancellationToken);

    /// <summary>One page of the raw log with hashes: <c>GET /v1/users/{userId}/events</c>.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="from">The first version (default 1).</param>
    /// <param name="limit">Envelopes at most (default 100, at most 1,000).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<EventsPage> GetEventsAsync(string userId, long? from = null, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<EventsPage>(Query(UserPath(userId, "events"), ("from", Text(from)), ("limit", Text(limit))), cancellationToken);

    /// <summary>Every envelope from <paramref name="from"/> to the head, page by page.</summary>
    public async IAsyncEnumerable<StoredEvent> ReadEventsAsync(string userId, long from = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (long? next = from; next is { } start;)
        {
            var page = await GetEventsAsync(userId, start, 1000, cancellationToken);
            foreach (var envelope in page.Events)
            {
                yield return envelope;
            }

            next = page.Next;
        }
    }
}
