using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Client;

// A companion's lorebook: what the context brings in when its keys come up. Every change is an event.
public sealed partial class CompanionClient
{
    /// <summary>
    /// The companion's lorebook as it is now, every entry with its id (empty, with a null source, when
    /// it has none): <c>GET /v1/users/{userId}/companions/{companionId}/lorebook</c>. Refusals: 404 no such companion.
    /// </summary>
    public Task<LorebookView> GetLorebookAsync(string userId, string companionId, CancellationToken cancellationToken = default) =>
        GetAsync<LorebookView>(LorebookPath(userId, companionId), cancellationToken);

    /// <summary>
    /// Replaces the lorebook with <paramref name="book"/>: a <c>character_book</c>, a
    /// <c>{"spec":"lorebook_v3","data":…}</c> file, a card with <c>data.character_book</c>, or a SillyTavern
    /// World Info file: <c>POST /v1/users/{userId}/companions/{companionId}/lorebook</c>. Refusals: 400 a
    /// book that cannot be read (the detail says where), 404 no such companion, 413 too large.
    /// </summary>
    public Task<LorebookImported> ImportLorebookAsync(string userId, string companionId, JsonElement book, CancellationToken cancellationToken = default) =>
        SendAsync<LorebookImported>(HttpMethod.Post, LorebookPath(userId, companionId), JsonContent.Create(book, options: Json), cancellationToken);

    /// <summary>
    /// Adds or replaces the entry <paramref name="entryId"/>:
    /// <c>PUT /v1/users/{userId}/companions/{companionId}/lorebook/entries/{entryId}</c>. Refusals: 400 an
    /// entry that cannot be read, 404 no such companion.
    /// </summary>
    public Task<LorebookEntryChanged> SetLorebookEntryAsync(
        string userId, string companionId, string entryId, LorebookEntryFields entry, CancellationToken cancellationToken = default) =>
        SendJsonAsync<LorebookEntryFields, LorebookEntryChanged>(HttpMethod.Put, LorebookPath(userId, companionId, "entries", entryId), entry, cancellationToken);

    /// <summary>
    /// Disables an entry: kept, never matched until set again with <c>enabled: true</c>:
    /// <c>POST …/lorebook/entries/{entryId}/disable</c>. Refusals: 404 no such entry, 409 already disabled.
    /// </summary>
    public Task<LorebookEntryChanged> DisableLorebookEntryAsync(string userId, string companionId, string entryId, CancellationToken cancellationToken = default) =>
        SendAsync<LorebookEntryChanged>(HttpMethod.Post, LorebookPath(userId, companionId, "entries", entryId, "disable"), content: null, cancellationToken);

    /// <summary>Removes an entry from the lorebook; the log keeps it: <c>DELETE …/lorebook/entries/{entryId}</c>. Refusals: 404 no such entry.</summary>
    public Task<LorebookEntryChanged> RemoveLorebookEntryAsync(string userId, string companionId, string entryId, CancellationToken cancellationToken = default) =>
        SendAsync<LorebookEntryChanged>(HttpMethod.Delete, LorebookPath(userId, companionId, "entries", entryId), content: null, cancellationToken);

    private static string LorebookPath(string userId, string companionId, params ReadOnlySpan<string> more) =>
        UserPath(userId, ["companions", companionId, "lorebook", .. more]);
}
