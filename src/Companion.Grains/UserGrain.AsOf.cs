using Companion.Domain.Commands;

namespace Companion.Grains;

/// <summary>
/// Time travel by time: the state as the log held it at a moment (transaction time). The log is
/// append-only, so what it held at a moment is its prefix up to the first event recorded after it.
/// </summary>
public sealed partial class UserGrain
{
    /// <remarks>
    /// Reads the envelopes' recorded times (stored in the clear beside the encrypted payloads, so
    /// nothing is decrypted to find the version), then rebuilds that version as
    /// <see cref="GetStateAt"/> does, from the newest snapshot at or before it. Interleaves like it.
    /// </remarks>
    public async Task<PastState> GetStateAsOf(DateTimeOffset time)
    {
        var head = await log.GetHeadAsync(UserId);
        if (head.Version == 0)
        {
            throw DomainException.NotFound("No such user.");
        }

        var version = 0L;
        DateTimeOffset? first = null;
        await foreach (var envelope in log.ReadAsync(UserId))
        {
            first ??= envelope.OccurredAt;
            if (envelope.OccurredAt > time || envelope.Version > head.Version)
            {
                break;
            }

            version = envelope.Version;
        }

        return version == 0
            ? throw DomainException.Invalid(first is { } registered
                ? $"'asOf' ({time:O}) is before this user's first event, recorded at {registered:O}: give that time or later."
                : "No such user.")
            : await GetStateAt(version);
    }
}
