using System.Security.Cryptography;
using System.Text;

namespace Companion.Domain.Events;

/// <summary>
/// What a keyed command asked for, reduced to a short hash, so a client key that comes back with
/// a different request is told apart from a retry without keeping the words twice.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>
    /// The hash of <paramref name="parts"/> in order, each length-prefixed (so no two lists of
    /// parts run together into the same bytes); null parts differ from empty ones. 128 bits, hex.
    /// </summary>
    public static string Of(params ReadOnlySpan<string?> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var part in parts)
        {
            var bytes = part is null ? [] : Encoding.UTF8.GetBytes(part);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, part is null ? -1 : bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));
    }
}
