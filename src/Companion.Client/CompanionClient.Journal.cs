namespace Companion.Client;

// The user's journal.
public sealed partial class CompanionClient
{
    /// <summary>
    /// Writes a journal entry, following a practice with its fields when <see cref="NewJournalEntry.Practice"/> is set:
    /// <c>POST /v1/users/{userId}/journal</c>. Refusals: 400 empty or too long, an unknown practice or mood,
    /// or a field the practice does not have (named in the detail); nothing is written when refused.
    /// </summary>
    public Task<JournalEntryWritten> WriteJournalAsync(string userId, NewJournalEntry entry, CancellationToken cancellationToken = default) =>
        SendJsonAsync<NewJournalEntry, JournalEntryWritten>(HttpMethod.Post, UserPath(userId, "journal"), entry, cancellationToken);

    /// <summary>Entries written in [<paramref name="from"/>, <paramref name="to"/>), either open: <c>GET /v1/users/{userId}/journal</c>.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="from">The earliest time, or null for the beginning.</param>
    /// <param name="to">The time before which entries were written, or null for now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<JournalPage> GetJournalAsync(string userId, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) =>
        GetAsync<JournalPage>(Query(UserPath(userId, "journal"), ("from", Text(from)), ("to", Text(to))), cancellationToken);

    /// <summary>
    /// The journaling practices (kind, cadence, prompt, examples, the fields an entry of each may carry)
    /// and the moods offered, the same catalogue entries are checked against: <c>GET /v1/practices</c>.
    /// Any token may read it.
    /// </summary>
    public Task<PracticeCatalog> GetPracticesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<PracticeCatalog>(Path("practices"), cancellationToken);
}
