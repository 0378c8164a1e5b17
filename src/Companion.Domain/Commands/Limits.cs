namespace Companion.Domain.Commands;

/// <summary>
/// Input limits, in UTF-16 characters. Generous for people, small enough that one request
/// cannot bloat a log. Documented in the README; the HTTP layer caps whole bodies separately.
/// </summary>
public static class Limits
{
    public const int DisplayName = 100;
    public const int CompanionName = 100;
    public const int PersonaField = 16_000;
    public const int PersonaTags = 50;
    public const int PersonaExtensions = 64_000;

    /// <summary>A whole Character Card as it came (lorebook included), as canonical JSON text.</summary>
    public const int PersonaCard = 1_000_000;

    /// <summary>A companion's picture, in bytes (its log event holds it in base64, well inside one append block of every provider).</summary>
    public const int AvatarBytes = 1024 * 1024;
    public const int MessageText = 32_000;
    public const int MemoryText = 4_000;
    public const int MemoryKind = 40;
    public const int JournalText = 64_000;

    /// <summary>One structured field of a practice entry (an old story, a new one, whom it was with).</summary>
    public const int PracticeField = 8_000;
    public const int ShortLabel = 40;
    public const int ClientKey = 128;

    /// <summary>Messages in one imported chat history: one atomic append, so it must fit one write of every event log provider.</summary>
    public const int ImportedMessages = 2_000;

    /// <summary>Alternate replies (swipes) kept with one imported message.</summary>
    public const int Swipes = 100;

    /// <summary>The fields of an imported message line that have no field of their own here, as canonical JSON text.</summary>
    public const int MessageSourceFields = 64_000;
}
