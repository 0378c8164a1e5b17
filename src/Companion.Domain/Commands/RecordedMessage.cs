using Companion.Domain.Events;

namespace Companion.Domain.Commands;

/// <summary>What recording a message decides: the message, preceded by a runtime change when its producer is new.</summary>
public sealed record RecordedMessage(CompanionRuntimeChanged? RuntimeChanged, MessageRecorded Message)
{
    /// <summary>The events in the order they are appended; the message is last.</summary>
    public IReadOnlyList<UserEvent> Events => RuntimeChanged is null ? [Message] : [RuntimeChanged, Message];
}
