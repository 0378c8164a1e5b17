using Companion.Domain.Commands;

namespace Companion.Continuity.Chats;

/// <summary>A chat history file read whole: its messages, ready to import, and what of it could not be kept.</summary>
/// <param name="Format">The format it was read as.</param>
/// <param name="History">Its messages and content hash.</param>
/// <param name="Lines">How many lines it had (blank ones included).</param>
/// <param name="Warnings">Everything the file held that the import does not keep, or read by assumption.</param>
public sealed record ChatReading(ChatFormat Format, HistoryImport History, long Lines, IReadOnlyList<string> Warnings);
