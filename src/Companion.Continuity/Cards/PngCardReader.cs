using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Companion.Continuity.Cards;

/// <summary>
/// Finds the card in a PNG's <c>tEXt</c> chunks (<c>ccv3</c>: base64 V3 JSON, which wins;
/// <c>chara</c>: base64 V2 JSON; keywords in any case). The chunks are walked by hand with
/// every length checked against what is there and every CRC-32 checked, and chunk counts and
/// text sizes are capped, so a hostile file is refused before anything large is allocated.
/// </summary>
public static class PngCardReader
{
    /// <summary>Chunks a card PNG may have (image data is often split into many <c>IDAT</c>s).</summary>
    public const int MaxChunks = 20_000;

    /// <summary>Text chunks (<c>tEXt</c>, <c>zTXt</c>, <c>iTXt</c>) a card PNG may have.</summary>
    public const int MaxTextChunks = 64;

    /// <summary>Bytes all text chunks together may hold.</summary>
    public const int MaxTextBytes = 8 * 1024 * 1024;

    internal static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The card's JSON (UTF-8), which chunk it came from, what was not kept, and the picture: the
    /// same PNG without its card chunks (every other chunk, byte for byte), to keep as the avatar.
    /// </summary>
    public static (byte[] Json, string Keyword, IReadOnlyList<string> Warnings, byte[] Image) Read(ReadOnlySpan<byte> png)
    {
        if (!png.StartsWith(Signature))
        {
            throw new CardFormatException("The body is not a PNG: it does not start with the PNG signature.");
        }

        byte[]? chara = null, ccv3 = null;
        int chunks = 0, textChunks = 0;
        long textBytes = 0;
        var offset = Signature.Length;
        var first = true;
        var image = new MemoryStream(png.Length);
        image.Write(Signature);
        while (true)
        {
            if (png.Length - offset < 12)
            {
                throw new CardFormatException($"The PNG is truncated at byte {offset}: a chunk header needs 12 bytes and there is no IEND chunk.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            var type = Encoding.ASCII.GetString(png.Slice(offset + 4, 4));
            if (length > int.MaxValue)
            {
                throw new CardFormatException($"The PNG's chunk '{type}' at byte {offset} claims {length} bytes; a PNG chunk holds at most {int.MaxValue}.", tooLarge: true);
            }

            if (length > png.Length - offset - 12)
            {
                throw new CardFormatException($"The PNG's chunk '{type}' at byte {offset} claims {length} bytes but only {png.Length - offset - 12} follow: the file is truncated or the length is false.");
            }

            if (++chunks > MaxChunks)
            {
                throw new CardFormatException($"The PNG has more than {MaxChunks} chunks.", tooLarge: true);
            }

            var body = png.Slice(offset + 4, 4 + (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + (int)length)..]);
            if (Crc32.HashToUInt32(body) != crc)
            {
                throw new CardFormatException($"The PNG's chunk '{type}' at byte {offset} fails its CRC-32 check: the file is damaged.");
            }

            if (first && type != "IHDR")
            {
                throw new CardFormatException($"The PNG's first chunk is '{type}'; it must be 'IHDR'.");
            }

            first = false;
            var data = body[4..];
            if (type is "tEXt" or "zTXt" or "iTXt")
            {
                if (++textChunks > MaxTextChunks)
                {
                    throw new CardFormatException($"The PNG has more than {MaxTextChunks} text chunks.", tooLarge: true);
                }

                textBytes += length;
                if (textBytes > MaxTextBytes)
                {
                    throw new CardFormatException($"The PNG's text chunks hold more than {MaxTextBytes} bytes.", tooLarge: true);
                }

                if (type == "tEXt" && Text(data, ref chara, ref ccv3))
                {
                    offset += 12 + (int)length;
                    continue;
                }
            }

            image.Write(png.Slice(offset, 12 + (int)length));
            offset += 12 + (int)length;
            if (type == "IEND")
            {
                break;
            }
        }

        var warnings = new List<string>();
        if (ccv3 is not null)
        {
            if (chara is not null)
            {
                warnings.Add("The PNG's 'chara' (V2) chunk was read past: its 'ccv3' (V3) chunk is the card, as the V3 specification says.");
            }

            return (ccv3, "ccv3", warnings, image.ToArray());
        }

        return chara is not null
            ? (chara, "chara", warnings, image.ToArray())
            : throw new CardFormatException("The PNG holds no card: it has no 'tEXt' chunk named 'chara' or 'ccv3'.");
    }

    // True when the chunk is one of the card's own (left out of the picture).
    private static bool Text(ReadOnlySpan<byte> data, ref byte[]? chara, ref byte[]? ccv3)
    {
        var separator = data.IndexOf((byte)0);
        if (separator < 1)
        {
            throw new CardFormatException("A 'tEXt' chunk of the PNG has no keyword followed by a zero byte.");
        }

        var keyword = Encoding.Latin1.GetString(data[..separator]);
        var isV3 = keyword.Equals("ccv3", StringComparison.OrdinalIgnoreCase);
        if (!isV3 && !keyword.Equals("chara", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if ((isV3 ? ccv3 : chara) is not null)
        {
            throw new CardFormatException($"The PNG has two '{keyword}' text chunks; a card PNG has one of each.");
        }

        var text = Encoding.Latin1.GetString(data[(separator + 1)..]).Trim();
        byte[] json;
        try
        {
            json = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new CardFormatException($"The PNG's '{keyword}' chunk is not base64: it must hold the card's JSON in base64.");
        }

        if (isV3)
        {
            ccv3 = json;
        }
        else
        {
            chara = json;
        }

        return true;
    }
}
