using System.IO.Compression;
using System.Text.Json;

namespace Companion.Continuity.Cards;

/// <summary>
/// Reads the card of a CHARX file (a zip with <c>card.json</c> at its root and assets the card
/// names as <c>embeded://path</c>). The directory is checked before anything is unpacked: entry
/// count, names that would leave the archive, declared sizes; <c>card.json</c> is then read no
/// further than its limit, whatever its header claims. Assets are not kept (the card keeps its
/// references to them), and each one is named in the warnings.
/// </summary>
public static class CharxReader
{
    /// <summary>Entries a CHARX may have.</summary>
    public const int MaxEntries = 1_000;

    /// <summary>Bytes <c>card.json</c> may unpack to.</summary>
    public const int MaxCardJsonBytes = 8 * 1024 * 1024;

    /// <summary>Bytes all entries together may declare unpacked.</summary>
    public const long MaxUnpackedBytes = 256L * 1024 * 1024;

    /// <summary>The card's JSON (UTF-8) and what was not kept.</summary>
    public static (byte[] Json, IReadOnlyList<string> Warnings) Read(byte[] charx)
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
                if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\') || name.Contains(':') || name.Split('/').Any(part => part is ".." or "."))
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

            var json = ReadBounded(card);
            return (json, Warnings(json, zip));
        }
    }

    private static byte[] ReadBounded(ZipArchiveEntry entry)
    {
        try
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            var chunk = new byte[81_920];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                if (buffer.Length + read > MaxCardJsonBytes)
                {
                    throw new CardFormatException($"The CHARX's 'card.json' unpacks to more than {MaxCardJsonBytes} bytes (more than its header says).", tooLarge: true);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new CardFormatException($"The CHARX's 'card.json' cannot be unpacked: {e.Message}");
        }
    }

    private static List<string> Warnings(byte[] json, ZipArchive zip)
    {
        var warnings = new List<string>();
        var named = new HashSet<string>(StringComparer.Ordinal) { "card.json" };
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("assets", out var assets) && assets.ValueKind == JsonValueKind.Array)
            {
                foreach (var asset in assets.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object))
                {
                    var uri = asset.TryGetProperty("uri", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() ?? "" : "";
                    if (uri.StartsWith("embeded://", StringComparison.Ordinal))
                    {
                        var path = uri["embeded://".Length..];
                        named.Add(path);
                        warnings.Add(zip.GetEntry(path) is null
                            ? $"The card's asset '{uri}' is not in the CHARX; its reference is kept."
                            : $"The card's asset '{uri}' is not kept (this service keeps no asset files yet); the card keeps its reference.");
                    }
                }
            }
        }
        catch (JsonException)
        {
            // The card reader says what is wrong with the JSON itself.
        }

        var others = zip.Entries.Where(e => e.Length > 0 && !named.Contains(e.FullName) && !e.FullName.EndsWith('/')).Select(e => e.FullName).ToList();
        if (others.Count > 0)
        {
            warnings.Add($"{others.Count} other CHARX entries are not kept: {string.Join(", ", others.Take(10))}{(others.Count > 10 ? ", …" : "")}.");
        }

        return warnings;
    }
}
