using Companion.Domain.Commands;
using Companion.EventLog.Encryption;
using Companion.History;

namespace Companion.Grains;

/// <summary>
/// Time travel: the state at any past version, rebuilt from the event log (a snapshot at or
/// before it, then a replay up to it). Only the log is read, so it works on every provider and
/// leaves the grain's own state and activation alone.
/// </summary>
public sealed partial class UserGrain
{
    /// <remarks>
    /// Interleaves with every other call, erasure included, so it opens a key of its own and
    /// neither writes nor leans on any field of the grain: an erasure meanwhile cannot dispose the
    /// key it reads with, and it answers "gone" when the erasure took the log from under it.
    /// </remarks>
    public async Task<PastState> GetStateAt(long version)
    {
        using (var cipher = await OpenOwnKeyAsync())
        {
            var head = await log.GetHeadAsync(UserId);
            if (head.Version == 0)
            {
                throw DomainException.NotFound("No such user.");
            }

            if (version < 1 || version > head.Version)
            {
                throw DomainException.Invalid($"'atVersion' must be 1 to {head.Version} (this user's head version); it was {version}.");
            }

            try
            {
                var past = await StreamLoading.LoadAsync(log, registry, UserId, cipher, version);
                return new PastState(past.State, past.Head.Hash, past.SnapshotVersion, past.Replayed);
            }
            catch (StreamDamagedException)
            {
                if ((await keys.GetEntryAsync(UserId))?.ErasedAt is { } erasedAt)
                {
                    throw Gone(erasedAt);
                }

                throw;
            }
        }
    }

    /// <summary>
    /// A key of the reader's own for reading the log beside the grain (the grain's may be disposed
    /// by an erasure meanwhile): "gone" when the user was erased, 503 when it cannot be opened here.
    /// </summary>
    private async Task<PayloadCipher?> OpenOwnKeyAsync()
    {
        try
        {
            return await keys.OpenAsync(UserId);
        }
        catch (StreamErasedException erased)
        {
            throw Gone(erased.ErasedAt);
        }
        catch (MasterKeyMissingException missing)
        {
            throw DomainException.Unavailable($"This user's data cannot be opened here: {missing.Message} Nothing was changed.");
        }
    }
}
