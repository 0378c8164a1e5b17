namespace Companion.Continuity.Chats;

/// <summary>
/// A chat history file that cannot be imported, with a message naming the line and what is wrong
/// in it. <see cref="TooLarge"/> marks a file or line refused for its size (HTTP 413), not its form (400).
/// </summary>
public sealed class ChatFormatException(string message, bool tooLarge = false) : FormatException(message)
{
    /// <summary>The file or one of its lines is over a limit.</summary>
    public bool TooLarge { get; } = tooLarge;
}
