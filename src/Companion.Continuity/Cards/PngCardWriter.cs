using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Companion.Continuity.Cards;

/// <summary>
/// Writes a card PNG: the companion's picture when it is a PNG (every chunk of it kept, byte for
/// byte), else a small plain image in the companion's own colour, with the card in two
/// <c>tEXt</c> chunks, <c>chara</c> (base64 V2 JSON, for older readers) and <c>ccv3</c> (base64 V3 JSON).
/// </summary>
public static class PngCardWriter
{
    /// <summary>The generated image's width and height in pixels.</summary>
    public const int Size = 64;

    /// <summary>
    /// A valid PNG with both card chunks, drawn as <paramref name="picture"/> when that is a
    /// well-formed PNG (its own card chunks, if any, replaced), else as a generated image whose
    /// colour <paramref name="seed"/> picks, so one companion keeps one.
    /// </summary>
    public static byte[] Write(byte[] v2Json, byte[] v3Json, string seed, byte[]? picture)
    {
        if (picture is null || Chunks(picture) is not { Count: > 0 } chunks || chunks[0].Type != "IHDR")
        {
            return Write(v2Json, v3Json, seed);
        }

        using var png = new MemoryStream(picture.Length + ((v2Json.Length + v3Json.Length) * 2));
        png.Write(PngCardReader.Signature);
        png.Write(picture.AsSpan(chunks[0].Offset, chunks[0].Length));
        Chunk(png, "tEXt", Text("chara", v2Json));
        Chunk(png, "tEXt", Text("ccv3", v3Json));
        foreach (var chunk in chunks.Skip(1).Where(c => !IsCardText(picture.AsSpan(c.Offset, c.Length), c.Type)))
        {
            png.Write(picture.AsSpan(chunk.Offset, chunk.Length));
        }

        return png.ToArray();
    }

    /// <summary>A valid PNG with both card chunks; <paramref name="seed"/> picks the colour, so one companion keeps one.</summary>
    public static byte[] Write(byte[] v2Json, byte[] v3Json, string seed)
    {
        using var png = new MemoryStream();
        png.Write(PngCardReader.Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, Size);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), Size);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour RGB; compression, filter and interlace stay 0
        Chunk(png, "IHDR", header);
        Chunk(png, "tEXt", Text("chara", v2Json));
        Chunk(png, "tEXt", Text("ccv3", v3Json));
        Chunk(png, "IDAT", Pixels(seed));
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    // The chunks of a well-formed PNG (offset and length of each whole chunk), ending with IEND; null otherwise.
    private static List<(string Type, int Offset, int Length)>? Chunks(byte[] png)
    {
        if (!png.AsSpan().StartsWith(PngCardReader.Signature))
        {
            return null;
        }

        var chunks = new List<(string, int, int)>();
        var offset = PngCardReader.Signature.Length;
        while (png.Length - offset >= 12)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            if (length > (uint)(png.Length - offset - 12))
            {
                return null;
            }

            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            chunks.Add((type, offset, 12 + (int)length));
            offset += 12 + (int)length;
            if (type == "IEND")
            {
                return chunks;
            }
        }

        return null;
    }

    private static bool IsCardText(ReadOnlySpan<byte> chunk, string type)
    {
        if (type != "tEXt")
        {
            return false;
        }

        var data = chunk[8..^4];
        var separator = data.IndexOf((byte)0);
        var keyword = separator < 0 ? "" : Encoding.Latin1.GetString(data[..separator]);
        return keyword.Equals("chara", StringComparison.OrdinalIgnoreCase) || keyword.Equals("ccv3", StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] Text(string keyword, byte[] json) =>
        [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.ASCII.GetBytes(Convert.ToBase64String(json))];

    private static byte[] Pixels(string seed)
    {
        var colour = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var row = new byte[1 + (3 * Size)]; // filter byte 0 (none), then RGB pixels
        for (var x = 0; x < Size; x++)
        {
            // Soft colours: each channel in the upper half, so the image reads as a plain tint.
            row[1 + (3 * x)] = (byte)(128 | colour[0]);
            row[2 + (3 * x)] = (byte)(128 | colour[1]);
            row[3 + (3 * x)] = (byte)(128 | colour[2]);
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < Size; y++)
            {
                zlib.Write(row);
            }
        }

        return compressed.ToArray();
    }

    private static void Chunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed.AsSpan(4));
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.HashToUInt32(typed));
        png.Write(word);
    }
}
