using System.Collections.Immutable;
using Companion.Domain.Commands;
using Companion.Domain.Projections;

namespace Companion.Grains;

/// <summary>
/// Personality continuity: a companion's persona versions, differences between them, a restore
/// recorded as one more revision, and the plain list of what changed. Read from the log through
/// the one stream fold (<see cref="StreamFold"/>), since the state keeps only the persona now.
/// </summary>
public sealed partial class UserGrain
{
    public async Task<PersonaHistory> GetPersonaHistory(string companionId) =>
        (await ReadTimelineAsync(companionId)).History;

    public async Task<ImmutableArray<PersonaFieldChange>> GetPersonaDiff(string companionId, long from, long to)
    {
        var history = (await ReadTimelineAsync(companionId)).History;
        return PersonaDiff.Between(history.Find(from, "from").Persona, history.Find(to, "to").Persona);
    }

    public async Task<ImmutableArray<CompanionChange>> GetCompanionChanges(string companionId) =>
        (await ReadTimelineAsync(companionId)).Changes;

    /// <remarks>
    /// Not interleaved: no other command runs while the log is read, so the history it decides
    /// from ends at the version the state is at.
    /// </remarks>
    public async Task<CommandResult> RestorePersona(string companionId, PersonaRestore restore)
    {
        var history = (await ReadTimelineAsync(companionId)).History;
        if (PersonaRestoration.AlreadyRestored(history, restore) is { } earlier)
        {
            return new CommandResult(companionId, earlier.Version, Duplicate: true);
        }

        return await Execute(null, s => PersonaRestoration.Restore(s, history, restore, clock.GetUtcNow()), _ => companionId);
    }

    /// <summary>
    /// Folds the log from its start up to the version the state is at, taking each event into the
    /// companion's timeline. Touches no grain field but the state it reads the head from, so it
    /// may interleave.
    /// </summary>
    private async Task<CompanionTimeline> ReadTimelineAsync(string companionId)
    {
        var state = Current;
        UserDecisions.RequireCompanion(state, companionId);
        var timeline = new CompanionTimeline(companionId);
        await FoldLogToStateAsync(state.Version, timeline.Add);
        return timeline;
    }
}
