using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Projections;
using Companion.History;

namespace Companion.Grains;

/// <summary>
/// Conversations in and out: a chat history from elsewhere imported as one session in one append,
/// and one session's transcript read back from the log through the one stream fold.
/// </summary>
public sealed partial class UserGrain
{
    public Task<CommandResult> ImportHistory(string companionId, HistoryImport history) =>
        ExecuteAll(SessionStarted.KeyOf(companionId, history.RequestId),
            s => HistoryImports.Decide(s, companionId, Ids.New("s"), () => Ids.New("msg"), history, clock.GetUtcNow()),
            e => e switch
            {
                MessageRecorded message => message.SessionId,
                SessionStarted started => started.SessionId,
                _ => throw new InvalidOperationException($"A history import ended with {e.GetType().Name}."),
            });

    /// <summary>
    /// Reads the log up to the version the state is at. Touches no grain field but the state it
    /// reads the head from, so it may interleave.
    /// </summary>
    public async Task<SessionTranscript> GetSessionTranscript(string companionId, string sessionId)
    {
        var state = Current;
        UserDecisions.RequireCompanion(state, companionId);
        var head = state.Version;
        var transcript = new SessionTranscriptBuilder(companionId, sessionId);
        using var cipher = await OpenOwnKeyAsync();
        var fold = new StreamFold(registry, cipher);
        await foreach (var envelope in log.ReadAsync(UserId, 1))
        {
            if (fold.Add(envelope) is { } @event)
            {
                transcript.Add(@event);
            }

            if (envelope.Version == head)
            {
                break;
            }
        }

        return transcript.Transcript
            ?? throw DomainException.NotFound($"No session '{sessionId}' of companion '{companionId}' for this user.");
    }
}
