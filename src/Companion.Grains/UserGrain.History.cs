using Companion.Domain.Commands;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.History;

namespace Companion.Grains;

/// <summary>
/// Time travel: the state at any past version, rebuilt from the event log (a snapshot at or
/// before it, then a replay up to it). Only the log is read, so it works on every provider and
/// leaves the grain's own state and activation alone.
/// </summary>
public sealed partial class UserGrain
{
    public async Task<PastState> GetStateAt(long version)
    {
        var head = await OpenKeyAsync() ? await log.GetHeadAsync(UserId) : StreamHead.Empty;
        if (head.Version == 0)
        {
            throw DomainException.NotFound("No such user.");
        }

        if (version < 1 || version > head.Version)
        {
            throw DomainException.Invalid($"'atVersion' must be 1 to {head.Version} (this user's head version); it was {version}.");
        }

        var past = await StreamLoading.LoadAsync(log, registry, UserId, _cipher, version);
        return new PastState(past.State, past.Head.Hash, past.SnapshotVersion, past.Replayed);
    }
}
