namespace Companion.Continuity.Cards;

/// <summary>
/// A card file that cannot be read, with a message that says what is wrong in it.
/// <see cref="TooLarge"/> marks one refused for its size or counts (HTTP 413), not its form (400).
/// </summary>
public sealed class CardFormatException(string message, bool tooLarge = false) : FormatException(message)
{
    /// <summary>The file, one of its parts or their number is over a limit.</summary>
    public bool TooLarge { get; } = tooLarge;
}
