using System.Security.Cryptography;

namespace Companion.Domain.Commands;

/// <summary>The image kinds a companion's picture may be, told by their signature bytes, never by a name or a header.</summary>
public static class AvatarImages
{
    /// <summary>The media types accepted, in the order they are checked.</summary>
    public static readonly IReadOnlyList<string> MediaTypes = ["image/png", "image/jpeg", "image/webp", "image/gif"];

    /// <summary>The media type the bytes' signature names, or null when they are none of <see cref="MediaTypes"/>.</summary>
    public static string? Detect(ReadOnlySpan<byte> image) => image switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "image/gif",
        _ => null,
    };

    /// <summary>The file extension for one of <see cref="MediaTypes"/>.</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        "image/jpeg" => "jpg",
        "image/webp" => "webp",
        "image/gif" => "gif",
        _ => "png",
    };

    /// <summary>The lowercase hex SHA-256 of the bytes.</summary>
    public static string Digest(ReadOnlySpan<byte> image) => Convert.ToHexStringLower(SHA256.HashData(image));

    /// <summary>The number of bytes a base64 text decodes to (the text is the event's own, already checked).</summary>
    public static int DecodedLength(string base64) =>
        base64.Length == 0 ? 0 : (base64.Length / 4 * 3) - (base64.EndsWith("==", StringComparison.Ordinal) ? 2 : base64.EndsWith('=') ? 1 : 0);
}
