using Companion.Domain.Events;
using Companion.Domain.Projections.Recall;

namespace Companion.Recall;

/// <summary>One searchable item of a user's history, as the index keeps it.</summary>
/// <param name="Slot">The index's own number for it.</param>
/// <param name="Kind">Memory, message or journal entry.</param>
/// <param name="Id">The memory, message or entry id.</param>
/// <param name="CompanionId">Its companion (none for journal entries).</param>
/// <param name="SessionId">The session of a message.</param>
/// <param name="Role">Who spoke a message.</param>
/// <param name="Text">Its words.</param>
/// <param name="Version">The version of the event that recorded it.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Salience">A memory's salience (0 to 1); 0 for messages and entries.</param>
public sealed record RecallDocument(
    int Slot,
    RecallKind Kind,
    string Id,
    string? CompanionId,
    string? SessionId,
    MessageRole? Role,
    string Text,
    long Version,
    DateTimeOffset At,
    double Salience);
