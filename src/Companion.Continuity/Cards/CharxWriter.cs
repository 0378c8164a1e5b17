using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Companion.Domain.Commands;

namespace Companion.Continuity.Cards;

/// <summary>Writes a CHARX: a zip holding the V3 card as <c>card.json</c>, and the companion's picture as its icon asset.</summary>
public static class CharxWriter
{
    private const string Embedded = "embeded://";

    /// <summary>The CHARX bytes for a V3 card's JSON, without a picture.</summary>
    public static byte[] Write(byte[] v3Json) => Write(v3Json, null, null);

    /// <summary>
    /// The CHARX bytes for a V3 card's JSON and the companion's picture. The picture goes where the
    /// card's own icon asset points (<c>embeded://…</c>, as it came in); a card without one gains an
    /// icon asset named <c>main</c> at <c>assets/icon/images/main.&lt;ext&gt;</c>, as the V3 specification lays out.
    /// </summary>
    public static byte[] Write(byte[] v3Json, byte[]? picture, string? mediaType)
    {
        string? picturePath = null;
        if (picture is not null && mediaType is not null)
        {
            (v3Json, picturePath) = WithIcon(v3Json, AvatarImages.Extension(mediaType));
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "card.json", v3Json, CompressionLevel.Optimal);
            if (picturePath is not null && picture is not null)
            {
                Add(zip, picturePath, picture, CompressionLevel.NoCompression); // images are compressed already
            }
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        stream.Write(content);
    }

    // The path the card's icon points at, adding an icon asset to the card when it names none inside the archive.
    private static (byte[] Json, string Path) WithIcon(byte[] v3Json, string extension)
    {
        var card = JsonNode.Parse(v3Json)?.AsObject() ?? throw new InvalidOperationException("A V3 card is a JSON object.");
        var data = card["data"] as JsonObject ?? throw new InvalidOperationException("A V3 card has a 'data' object.");
        if (data["assets"] is JsonArray assets)
        {
            var icons = assets.OfType<JsonObject>().Where(a => Text(a, "type") == "icon" && Text(a, "uri").StartsWith(Embedded, StringComparison.Ordinal)).ToList();
            if ((icons.Find(a => Text(a, "name") == "main") ?? icons.FirstOrDefault()) is { } icon
                && Text(icon, "uri")[Embedded.Length..] is var named && CharxReader.IsSafeEntryName(named))
            {
                return (v3Json, named);
            }
        }
        else
        {
            assets = [];
            data["assets"] = assets;
        }

        var path = $"assets/icon/images/main.{extension}";
        assets.Add(new JsonObject { ["type"] = "icon", ["uri"] = Embedded + path, ["name"] = "main", ["ext"] = extension });
        return (JsonSerializer.SerializeToUtf8Bytes(card), path);
    }

    private static string Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
