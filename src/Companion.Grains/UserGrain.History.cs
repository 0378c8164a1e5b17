using Companion.Domain.Commands;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;

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

        var (state, at) = await LoadSnapshotAsync(version);
        var snapshotVersion = at.Version;
        long replayed = 0;
        if (at.Version < version)
        {
            await foreach (var envelope in log.ReadAsync(UserId, at.Version + 1))
            {
                if (EnvelopeChain.CheckLink(at.Version, at.Hash, envelope) is { } problem)
                {
                    throw new InvalidDataException($"The log of user '{UserId}' is broken: {problem}");
                }

                state = UserStateApply.Apply(state, registry.FromEnvelope(PayloadCipher.Reveal(envelope, _cipher)));
                at = new StreamHead(envelope.Version, envelope.Hash);
                replayed++;
                if (at.Version == version)
                {
                    break;
                }
            }
        }

        return at.Version == version
            ? new PastState(state, at.Hash, snapshotVersion, replayed)
            : throw new InvalidDataException($"The log of user '{UserId}' ends at version {at.Version}, before {version}.");
    }
}
