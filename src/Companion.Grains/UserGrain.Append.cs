using Companion.EventLog;
using Microsoft.Extensions.Logging;

namespace Companion.Grains;

/// <summary>The user grain's appends: each one settled, never left in doubt.</summary>
public sealed partial class UserGrain
{
    /// <summary>
    /// Appends and does not return until the outcome is known. A failed append may still have
    /// been written (a lost answer, a timeout): returning false or throwing would make Orleans
    /// re-read the log and submit the same events again at new versions, a duplicate. So after a
    /// failure the stream's head decides: our last hash there means written, the expected
    /// version means try again, anything else is a conflict. While storage does not answer at
    /// all, this keeps asking with a capped backoff, as Orleans itself would.
    /// </summary>
    private async Task<AppendOutcome> AppendUntilSettledAsync(IReadOnlyList<EventEnvelope> envelopes, long expectedVersion)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                await log.AppendAsync(UserId, expectedVersion, envelopes);
                return AppendOutcome.Appended;
            }
            catch (EventLogConflictException conflict)
            {
                metrics?.RecordConflict();
                logger.LogWarning("Append to user {UserId} conflicted ({Message}); re-reading the log", UserId, conflict.Message);
                return AppendOutcome.Conflict;
            }
            catch (Exception e) when (e is not ArgumentException)
            {
                logger.LogWarning(e, "Append to user {UserId} at version {Version} failed; asking the log whether it was written", UserId, expectedVersion + 1);
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
        }
    }

    private enum AppendOutcome
    {
        Appended,
        Conflict,
    }
}
