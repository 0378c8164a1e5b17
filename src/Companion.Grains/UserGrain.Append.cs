using Companion.EventLog;
using Microsoft.Extensions.Logging;

namespace Companion.Grains;

/// <summary>The user grain's appends: each one settled, never left in doubt.</summary>
public sealed partial class UserGrain
{
    /// <summary>
    /// Settles an append that failed (the grain's storage path awaits the first attempt itself, so
    /// the usual case, an append that succeeds, costs no state machine of this method). A failed
    /// append may still have been written (a lost answer, a timeout): returning false or throwing
    /// would make Orleans re-read the log and submit the same events again at new versions, a
    /// duplicate. So after a failure the stream's head decides: our last hash there means written,
    /// the expected version means try again, anything else is a conflict. While storage does not
    /// answer at all, this keeps asking with a capped backoff, as Orleans itself would.
    /// </summary>
    private async Task<AppendOutcome> SettleFailedAppendAsync(IReadOnlyList<EventEnvelope> envelopes, long expectedVersion, Exception failure)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            switch (failure)
            {
                case EventLogConflictException conflict:
                    metrics?.RecordConflict();
                    logger.LogWarning("Append to user {UserId} conflicted ({Message}); re-reading the log", UserId, conflict.Message);
                    return AppendOutcome.Conflict;
                case EventLogUnavailableException refused:
                    // The storage answered no (full, read-only, failing): asking again at once would hang
                    // the caller. Settle it now from the head and answer; the caller retries later.
                    logger.LogError("Append to user {UserId} at version {Version} was refused by the storage: {Reason}", UserId, expectedVersion + 1, refused.Message);
                    return await SettleRefusalAsync(envelopes, expectedVersion, refused);
                default:
                    logger.LogWarning(failure, "Append to user {UserId} at version {Version} failed; asking the log whether it was written", UserId, expectedVersion + 1);
                    break;
            }

            while (true)
            {
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
                try
                {
                    var head = await log.GetHeadAsync(UserId);
                    if (head.Version == envelopes[^1].Version && head.Hash == envelopes[^1].Hash)
                    {
                        return AppendOutcome.Appended;
                    }

                    if (head.Version != expectedVersion)
                    {
                        return AppendOutcome.Conflict;
                    }

                    break;
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "The log of user {UserId} does not answer; asking again in {Delay}", UserId, delay);
                }
            }

            try
            {
                await log.AppendAsync(UserId, expectedVersion, envelopes);
                return AppendOutcome.Appended;
            }
            catch (Exception e) when (e is not ArgumentException)
            {
                failure = e;
            }
        }
    }

    /// <summary>
    /// After a refusal: our events at the head mean they were written after all; the head still
    /// at the expected version means nothing was; a head that cannot be read leaves it unknown,
    /// and the answer says so.
    /// </summary>
    private async Task<AppendOutcome> SettleRefusalAsync(IReadOnlyList<EventEnvelope> envelopes, long expectedVersion, EventLogUnavailableException refused)
    {
        try
        {
            var head = await log.GetHeadAsync(UserId);
            if (head.Version == envelopes[^1].Version && head.Hash == envelopes[^1].Hash)
            {
                return AppendOutcome.Appended;
            }

            if (head.Version != expectedVersion)
            {
                return AppendOutcome.Conflict;
            }

            _storageRefusal = $"The storage refused the write and nothing was stored ({refused.Message}) Retry later with the same client ids.";
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The log of user {UserId} could not be read to settle a refused append", UserId);
            _storageRefusal = $"The storage refused the write ({refused.Message}) and whether it was stored is not known. "
                + "Retry later with the same client ids: a write that was stored answers as a duplicate.";
        }

        return AppendOutcome.Refused;
    }

    private enum AppendOutcome
    {
        Appended,
        Conflict,

        /// <summary>The storage refused it: this activation's view now holds events the log does not, and it must end.</summary>
        Refused,
    }
}
