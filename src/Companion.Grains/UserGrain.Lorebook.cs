using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Lorebooks;

namespace Companion.Grains;

/// <summary>A companion's lorebook: imported whole, entries set, disabled and removed, each an event.</summary>
public sealed partial class UserGrain
{
    public Task<CommandResult> ImportLorebook(string companionId, Lorebook book, string source) =>
        Execute(null, s => LorebookDecisions.Import(s, companionId, book, source, clock.GetUtcNow()), _ => companionId);

    public Task<CommandResult> SetLorebookEntry(string companionId, LorebookEntry entry) =>
        Execute(null, s => LorebookDecisions.SetEntry(s, companionId, entry, clock.GetUtcNow()), _ => entry.Id);

    public Task<CommandResult> DisableLorebookEntry(string companionId, string entryId) =>
        Execute(null, s => LorebookDecisions.DisableEntry(s, companionId, entryId, clock.GetUtcNow()), _ => entryId);

    public Task<CommandResult> RemoveLorebookEntry(string companionId, string entryId) =>
        Execute(null, s => LorebookDecisions.RemoveEntry(s, companionId, entryId, clock.GetUtcNow()), _ => entryId);

    public Task<LorebookState?> GetLorebook(string companionId) =>
        Task.FromResult(UserDecisions.RequireCompanion(Current, companionId).Lorebook);

    /// <summary>A companion created from a card with a <c>character_book</c> gets it as its lorebook in the same append.</summary>
    private IReadOnlyList<UserEvent> CreatedWithLorebook(CompanionCreated created, Lorebook? lorebook) =>
        lorebook is null
            ? [created]
            : [created, LorebookDecisions.Imported(created.CompanionId, lorebook, LorebookSources.Card, created.OccurredAt)];
}
