using System.IO.Compression;
using System.Text.Json;

namespace Companion.Continuity.Cards;

/// <summary>
/// Reads the card of a CHARX file (a zip with <c>card.json</c> at its root and assets the card
/// names as <c>embeded://path</c>). The directory is checked before anything is unpacked: entry
/// count, names that would leave the archive, declared sizes; <c>card.json</c> is then read no
/// further than its limit, whatever its header claims. The card's icon asset (the one named
/// <c>main</c>, else the first icon) is kept as the companion's picture; other assets are not
/// kept (the card keeps its references to them), and each one is named in the warnings.
/// </summary>
public static class CharxReader
{
    /// <summary>Entries a CHARX may have.</summary>
    public const int MaxEntries = 1_000;

    /// <summary>Bytes <c>card.json</c> may unpack to.</summary>
    public const int MaxCardJsonBytes = 8 * 1024 * 1024;

    /// <summary>Bytes all entries together may declare unpacked.</summary>
    public const long MaxUnpackedBytes = 256L * 1024 * 1024;

    /// <summary>The card's JSON (UTF-8), what was not kept, and the icon asset's bytes if the card has one in the archive.</summary>
    public static (byte[] Json, IReadOnlyList<string> Warnings, byte[]? Icon) Read(byte[] charx)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(charx, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new CardFormatException($"The body is not a CHARX: it is not a readable zip ({e.Message}).");
        }

        using (zip)
        {
            if (zip.Entries.Count > MaxEntries)
            {
                throw new CardFormatException($"The CHARX has {zip.Entries.Count} entries; the limit is {MaxEntries}.", tooLarge: true);
            }

            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                if (!IsSafeEntryName(name))
                {
                    throw new CardFormatException($"The CHARX entry name '{name}' is refused: names must be relative paths that stay inside the archive.");
                }

                unpacked += entry.Length;
            }

            if (unpacked > MaxUnpackedBytes)
            {
                throw new CardFormatException($"The CHARX's entries unpack to {unpacked} bytes; the limit is {MaxUnpackedBytes}.", tooLarge: true);
            }

            var card = zip.GetEntry("card.json") ?? throw new CardFormatException("The CHARX has no 'card.json' at its root.");
            if (card.Length > MaxCardJsonBytes)
            {
                throw new CardFormatException($"The CHARX's 'card.json' unpacks to {card.Length} bytes; the limit is {MaxCardJsonBytes}.", tooLarge: true);
            }

            var json = ReadBounded(card, MaxCardJsonBytes) ?? throw new CardFormatException($"The CHARX's 'card.json' unpacks to more than {MaxCardJsonBytes} bytes (more than its header says).", tooLarge: true);
            var warnings = new List<string>();
            var icon = Icon(json, zip, warnings);
            warnings.AddRange(Warnings(json, zip, icon.Path));
            return (json, warnings, icon.Bytes);
        }
    }

    /// <summary>A relative path that stays inside the archive: no root, no backslash, no drive, no "." or ".." part.</summary>
    public static bool IsSafeEntryName(string name) =>
        name.Length > 0 && !name.StartsWith('/') && !name.Contains('\\') && !name.Contains(':') && !name.Split('/').Any(part => part is ".." or ".");

    // Null when the entry unpacks to more than the limit.
    private static byte[]? ReadBounded(ZipArchiveEntry entry, int limit)
    {
        try
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            var chunk = new byte[81_920];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new CardFormatException($"The CHARX's '{entry.FullName}' cannot be unpacked: {e.Message}");
        }
    }

    /// <summary>The icon the card names (<c>main</c> first) if it is in the archive and small enough to keep.</summary>
    private static (string? Path, byte[]? Bytes) Icon(byte[] json, ZipArchive zip, List<string> warnings)
    {
        var icons = Assets(json).Where(a => a.Type == "icon" && a.Uri.StartsWith(Embedded, StringComparison.Ordinal)).ToList();
        if ((icons.Find(a => a.Name == "main") ?? icons.FirstOrDefault()) is not { } icon || zip.GetEntry(icon.Uri[Embedded.Length..]) is not { } entry)
        {
            return (null, null);
        }

        var path = entry.FullName;
        if (ReadBounded(entry, Domain.Commands.Limits.AvatarBytes) is not { } bytes || Domain.Commands.AvatarImages.Detect(bytes) is null)
        {
            warnings.Add($"The card's icon '{icon.Uri}' is not kept as the companion's picture: a picture must be a PNG, JPEG, WebP or GIF image of at most {Domain.Commands.Limits.AvatarBytes:#,0} bytes. The card keeps its reference.");
            return (path, null);
        }

        return (path, bytes);
    }

    private const string Embedded = "embeded://";

    private sealed record Asset(string Type, string Uri, string Name);

    private static List<Asset> Assets(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("assets", out var assets) || assets.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            static string Text(JsonElement asset, string name) =>
                asset.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
            return [.. assets.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => new Asset(Text(a, "type"), Text(a, "uri"), Text(a, "name")))];
        }
        catch (JsonException)
        {
            // The card reader says what is wrong with the JSON itself.
            return [];
        }
    }

    private static List<string> Warnings(byte[] json, ZipArchive zip, string? keptIcon)
    {
        var warnings = new List<string>();
        var named = new HashSet<string>(StringComparer.Ordinal) { "card.json" };
        foreach (var uri in Assets(json).Select(a => a.Uri).Where(u => u.StartsWith(Embedded, StringComparison.Ordinal)))
        {
            var path = uri[Embedded.Length..];
            if (!named.Add(path) || path == keptIcon)
            {
                continue;
            }

            warnings.Add(zip.GetEntry(path) is null
                ? $"The card's asset '{uri}' is not in the CHARX; its reference is kept."
                : $"The card's asset '{uri}' is not kept (only the icon is kept, as the companion's picture); the card keeps its reference.");
        }

        var others = zip.Entries.Where(e => e.Length > 0 && !named.Contains(e.FullName) && !e.FullName.EndsWith('/')).Select(e => e.FullName).ToList();
        if (others.Count > 0)
        {
            warnings.Add($"{others.Count} other CHARX entries are not kept: {string.Join(", ", others.Take(10))}{(others.Count > 10 ? ", …" : "")}.");
        }

        return warnings;
    }
}
