using System.Collections.Immutable;
using Companion.Domain.Events;

namespace Companion.Domain.Projections;

/// <summary>One conversation session as its log tells it: when it started and ended, and every message in order.</summary>
[Immutable, GenerateSerializer, Alias("companion.session-transcript")]
public sealed record SessionTranscript(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset? EndedAt,
    [property: Id(4)] ImmutableArray<MessageRecorded> Messages);

/// <summary>Collects one session's transcript from a user's events in stream order; keeps nothing of other sessions.</summary>
public sealed class SessionTranscriptBuilder(string companionId, string sessionId)
{
    private readonly ImmutableArray<MessageRecorded>.Builder _messages = ImmutableArray.CreateBuilder<MessageRecorded>();
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _endedAt;

    /// <summary>The transcript, or null when the session never started.</summary>
    public SessionTranscript? Transcript => _startedAt is { } started
        ? new SessionTranscript(companionId, sessionId, started, _endedAt, _messages.ToImmutable())
        : null;

    public void Add(UserEvent @event)
    {
        switch (@event)
        {
            case SessionStarted e when Ours(e.CompanionId, e.SessionId):
                _startedAt = e.OccurredAt;
                break;
            case MessageRecorded e when Ours(e.CompanionId, e.SessionId):
                _messages.Add(e);
                break;
            case SessionEnded e when Ours(e.CompanionId, e.SessionId):
                _endedAt = e.OccurredAt;
                break;
        }
    }

    private bool Ours(string companion, string session) => companion == companionId && session == sessionId;
}
