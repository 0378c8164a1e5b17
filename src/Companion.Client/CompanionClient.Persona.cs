namespace Companion.Client;

// A companion's persona over time, and what changed about the companion.
public sealed partial class CompanionClient
{
    /// <summary>Every version of the persona, oldest first: <c>GET /v1/users/{userId}/companions/{companionId}/persona/history</c>.</summary>
    public Task<PersonaHistory> GetPersonaHistoryAsync(string userId, string companionId, CancellationToken cancellationToken = default) =>
        GetAsync<PersonaHistory>(UserPath(userId, "companions", companionId, "persona", "history"), cancellationToken);

    /// <summary>
    /// The fields that differ between two persona versions (from its history):
    /// <c>GET /v1/users/{userId}/companions/{companionId}/persona/diff?from=&amp;to=</c>.
    /// </summary>
    public Task<PersonaDiff> GetPersonaDiffAsync(string userId, string companionId, long from, long to, CancellationToken cancellationToken = default) =>
        GetAsync<PersonaDiff>(Query(UserPath(userId, "companions", companionId, "persona", "diff"), ("from", Text(from)), ("to", Text(to))), cancellationToken);

    /// <summary>
    /// Puts the persona back as it was, recorded as a new revision; a repeated keyed restore that
    /// is still the newest version writes nothing (<see cref="PersonaRestored.Duplicate"/>):
    /// <c>POST /v1/users/{userId}/companions/{companionId}/persona/restore</c>.
    /// </summary>
    public Task<PersonaRestored> RestorePersonaAsync(string userId, string companionId, PersonaRestore restore, CancellationToken cancellationToken = default) =>
        SendJsonAsync<PersonaRestore, PersonaRestored>(HttpMethod.Post, UserPath(userId, "companions", companionId, "persona", "restore"), restore, cancellationToken);

    /// <summary>What changed about the companion and when, newest first: <c>GET /v1/users/{userId}/companions/{companionId}/changes</c>.</summary>
    public Task<CompanionChanges> GetCompanionChangesAsync(string userId, string companionId, CancellationToken cancellationToken = default) =>
        GetAsync<CompanionChanges>(UserPath(userId, "companions", companionId, "changes"), cancellationToken);
}
