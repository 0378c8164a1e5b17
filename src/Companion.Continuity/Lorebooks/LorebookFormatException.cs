namespace Companion.Continuity.Lorebooks;

/// <summary>A lorebook that cannot be read; the message says what to fix.</summary>
public sealed class LorebookFormatException(string message) : FormatException(message);
