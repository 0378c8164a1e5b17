using System.IO.Compression;

namespace Companion.Continuity.Cards;

/// <summary>Writes a CHARX: a zip holding the V3 card as <c>card.json</c>.</summary>
public static class CharxWriter
{
    /// <summary>The CHARX bytes for a V3 card's JSON.</summary>
    public static byte[] Write(byte[] v3Json)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("card.json", CompressionLevel.Optimal);
            using var stream = entry.Open();
            stream.Write(v3Json);
        }

        return buffer.ToArray();
    }
}
