namespace Companion.Continuity.Chats;

/// <summary>How to read a chat history file.</summary>
/// <param name="Format">The file's format; null to tell it from the first line.</param>
/// <param name="UtcOffset">
/// The offset of the local times a file states without a zone (SillyTavern's "July 5, 2024 4:37pm");
/// null reads them as UTC and says so in the warnings.
/// </param>
/// <param name="MaxBytes">The largest file read.</param>
/// <param name="MaxLineBytes">The longest line read.</param>
public sealed record ChatReadOptions(ChatFormat? Format = null, TimeSpan? UtcOffset = null, long MaxBytes = ChatReadOptions.DefaultMaxBytes, int MaxLineBytes = ChatReadOptions.DefaultMaxLineBytes)
{
    /// <summary>2 MiB: several thousand messages, and within one atomic append of every event log provider.</summary>
    public const long DefaultMaxBytes = 2L * 1024 * 1024;

    /// <summary>1 MiB: a message at the text limit with every swipe of it escaped, and room for its fields.</summary>
    public const int DefaultMaxLineBytes = 1024 * 1024;
}
