using Companion.Domain.Events;

namespace Companion.Continuity.Rendering;

/// <summary>
/// Keeps each companion's current picture while the events stream past (the state names only
/// which event holds it), for the archive's picture entries and the PNG cards drawn on them.
/// Bounded: one picture of at most 1 MiB per companion.
/// </summary>
internal sealed class CompanionPictures
{
    private readonly Dictionary<string, (byte[] Bytes, string MediaType)> _current = new(StringComparer.Ordinal);

    /// <summary>Follows a picture set or removed.</summary>
    public void Observe(UserEvent @event)
    {
        switch (@event)
        {
            case CompanionAvatarSet set:
                _current[set.CompanionId] = (Convert.FromBase64String(set.Image), set.MediaType);
                break;
            case CompanionAvatarRemoved removed:
                _current.Remove(removed.CompanionId);
                break;
        }
    }

    /// <summary>The companion's picture now, if it has one.</summary>
    public (byte[] Bytes, string MediaType)? Of(string companionId) =>
        _current.TryGetValue(companionId, out var picture) ? picture : null;
}
