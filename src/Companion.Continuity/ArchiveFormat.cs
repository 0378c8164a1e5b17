using System.Text.RegularExpressions;

namespace Companion.Continuity;

/// <summary>
/// The names of the <c>companion-continuity</c> archive format, version 1, and the entries it
/// holds. An archive holds exactly these entries: the fixed ones, the key when its payloads are
/// encrypted, the look-back (which archives written before it existed lack), cards per
/// companion, its picture when it has one, one transcript and chat per conversation session, nothing else.
/// </summary>
public static partial class ArchiveFormat
{
    /// <summary>The format's name, written into <c>manifest.json</c>.</summary>
    public const string Name = "companion-continuity";

    /// <summary>The format's version this software writes and reads.</summary>
    public const int Version = 1;

    /// <summary>What the archive holds and where it came from.</summary>
    public const string ManifestEntry = "manifest.json";

    /// <summary>Every envelope of the stream, one JSON object per line, in version order.</summary>
    public const string EventsEntry = "events.jsonl";

    /// <summary>The state derived from all events, with its hash.</summary>
    public const string SnapshotEntry = "snapshot.json";

    /// <summary>The journal, for people.</summary>
    public const string JournalEntry = "journal.md";

    /// <summary>Every companion's memories, for people.</summary>
    public const string MemoriesEntry = "memories.md";

    /// <summary>The user's data key, when the events' payloads are encrypted (see <see cref="ArchiveKey"/>).</summary>
    public const string KeyEntry = "key.json";

    /// <summary>The journal looked back on by month, for people: then and now, reframes, moods.</summary>
    public const string LookbackEntry = "lookback.md";

    /// <summary>Moods over time by month, as an SVG chart.</summary>
    public const string MoodsChartEntry = "moods.svg";

    /// <summary>Entries this software writes that archives from before them lack; checked when present.</summary>
    public static IReadOnlyList<string> LaterEntries { get; } = [LookbackEntry, MoodsChartEntry];

    /// <summary>The entries every archive holds.</summary>
    public static IReadOnlyList<string> FixedEntries { get; } = [ManifestEntry, EventsEntry, SnapshotEntry, JournalEntry, MemoriesEntry];

    /// <summary>The Character Card V2 entry of a companion.</summary>
    public static string CardEntry(string companionId) => $"companions/{companionId}.card.json";

    /// <summary>The Character Card V3 entry of a companion (the API's default card).</summary>
    public static string CardV3Entry(string companionId) => $"companions/{companionId}.card.v3.json";

    /// <summary>The companion as a PNG card, with both its <c>chara</c> (V2) and <c>ccv3</c> (V3) chunks.</summary>
    public static string CardPngEntry(string companionId) => $"companions/{companionId}.card.png";

    /// <summary>The companion's picture, when it has one (<c>png</c>, <c>jpg</c>, <c>webp</c> or <c>gif</c>).</summary>
    public static string PictureEntry(string companionId, string mediaType) =>
        $"companions/{companionId}.picture.{Domain.Commands.AvatarImages.Extension(mediaType)}";

    /// <summary>The transcript entry of a conversation session.</summary>
    public static string TranscriptEntry(string companionId, string sessionId) => $"conversations/{companionId}/{sessionId}.md";

    /// <summary>A conversation session as a SillyTavern chat <c>.jsonl</c>, beside its transcript.</summary>
    public static string ChatEntry(string companionId, string sessionId) => $"conversations/{companionId}/{sessionId}.jsonl";

    /// <summary>
    /// True when an id can stand in an entry name: letters, digits, '-' and '_' only, so no id
    /// can make a path that climbs out of its folder.
    /// </summary>
    public static bool IsSafeId(string id) => SafeId().IsMatch(id);

    /// <summary>True when <paramref name="name"/> has the shape of a card, transcript or chat entry.</summary>
    internal static bool IsPerCompanionEntry(string name) =>
        IsCardEntry(name) || IsLaterCardEntry(name) || TranscriptName().IsMatch(name) || IsChatEntry(name) || PictureName().IsMatch(name);

    /// <summary>True when <paramref name="name"/> has the shape of a companion's V2 card entry, which every archive holds.</summary>
    internal static bool IsCardEntry(string name) => CardName().IsMatch(name);

    /// <summary>True when <paramref name="name"/> has the shape of a V3 or PNG card entry, which archives from before them lack.</summary>
    internal static bool IsLaterCardEntry(string name) => LaterCardName().IsMatch(name);

    /// <summary>True when <paramref name="name"/> has the shape of a session's SillyTavern chat entry.</summary>
    internal static bool IsChatEntry(string name) => ChatName().IsMatch(name);

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,128}\z")]
    private static partial Regex SafeId();

    [GeneratedRegex(@"\Acompanions/[A-Za-z0-9_-]{1,128}\.card\.json\z")]
    private static partial Regex CardName();

    [GeneratedRegex(@"\Acompanions/[A-Za-z0-9_-]{1,128}\.card\.(v3\.json|png)\z")]
    private static partial Regex LaterCardName();

    [GeneratedRegex(@"\Acompanions/[A-Za-z0-9_-]{1,128}\.picture\.(png|jpg|webp|gif)\z")]
    private static partial Regex PictureName();

    [GeneratedRegex(@"\Aconversations/[A-Za-z0-9_-]{1,128}/[A-Za-z0-9_-]{1,128}\.md\z")]
    private static partial Regex TranscriptName();

    [GeneratedRegex(@"\Aconversations/[A-Za-z0-9_-]{1,128}/[A-Za-z0-9_-]{1,128}\.jsonl\z")]
    private static partial Regex ChatName();
}
