using System.Collections.Immutable;
using Companion.Domain.Events;

namespace Companion.Domain.Commands;

/// <summary>
/// A conversation brought from elsewhere (a SillyTavern chat, a generic JSONL), read whole
/// before anything is written. <see cref="ContentHash"/> names the file (and how it was read),
/// so the same file imported twice is recognised and writes nothing the second time.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.history-import")]
public sealed record HistoryImport(
    [property: Id(0)] string ContentHash,
    [property: Id(1)] ImmutableArray<ImportedMessage> Messages)
{
    /// <summary>The session's request key: one session per imported file.</summary>
    public string RequestId => "history:" + ContentHash;
}

/// <summary>One message of an imported conversation, as its file had it.</summary>
/// <param name="Line">The file's line it came from, so a refusal can name it.</param>
/// <param name="SentAt">When it was originally sent; null when the file did not say.</param>
/// <param name="Swipes">The alternate replies, the shown one at <paramref name="SwipeId"/>; null when there were none.</param>
/// <param name="SourceFields">Every other field of the line, as a JSON object text; null when there were none.</param>
[Immutable, GenerateSerializer, Alias("companion.imported-message")]
public sealed record ImportedMessage(
    [property: Id(0)] long Line,
    [property: Id(1)] MessageRole Role,
    [property: Id(2)] string Text,
    [property: Id(3)] DateTimeOffset? SentAt,
    [property: Id(4)] string? SpeakerName,
    [property: Id(5)] ModelRuntime? Producer,
    [property: Id(6)] ImmutableArray<string>? Swipes,
    [property: Id(7)] int? SwipeId,
    [property: Id(8)] string? SourceFields);
