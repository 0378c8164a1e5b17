using System.Security.Cryptography;
using System.Text;

namespace Companion.EventLog.Encryption;

/// <summary>
/// The master keys: the current one wraps new data keys, retired ones (kept during a rotation)
/// only unwrap. A wrapping is AES-256-GCM of the 32-byte data key under a master key, with a fresh
/// nonce and the stream's name as associated data, so a wrapped key cannot be moved to another
/// stream. Each master key is known by an id derived from it, stored beside every wrapping.
/// </summary>
public sealed class MasterKeyRing
{
    /// <summary>Bytes in a master key and in a data key.</summary>
    public const int KeyBytes = 32;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <summary>Builds the ring from the current master key and any retired ones.</summary>
    /// <exception cref="ArgumentException">A key is not 32 bytes.</exception>
    public MasterKeyRing(ReadOnlySpan<byte> current, IEnumerable<byte[]>? retired = null)
    {
        CurrentId = Add(current);
        foreach (var key in retired ?? [])
        {
            Add(key);
        }
    }

    /// <summary>The id of the master key that wraps new data keys.</summary>
    public string CurrentId { get; }

    /// <summary>The ids of every master key in the ring, the current one first.</summary>
    public IEnumerable<string> Ids => _keys.Keys.OrderBy(id => id == CurrentId ? 0 : 1);

    /// <summary>A new random key (32 bytes), for a master key or a data key.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    /// <summary>Reads a master key written as base64 (44 characters); throws saying what is wrong.</summary>
    public static byte[] ParseKey(string base64, string name)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException($"{name} is not base64; it must be 32 random bytes in base64 (44 characters, e.g. `openssl rand -base64 32`).");
        }

        return key.Length == KeyBytes
            ? key
            : throw new FormatException($"{name} is {key.Length} bytes; it must be {KeyBytes} random bytes in base64.");
    }

    /// <summary>The id of a master key: the first 16 hex digits of a SHA-256 over a label and the key. Reveals nothing of the key.</summary>
    public static string IdOf(ReadOnlySpan<byte> key)
    {
        Span<byte> hash = stackalloc byte[32];
        var label = "companion master key id v1\n"u8;
        var input = new byte[label.Length + key.Length];
        label.CopyTo(input);
        key.CopyTo(input.AsSpan(label.Length));
        SHA256.HashData(input, hash);
        CryptographicOperations.ZeroMemory(input);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>True when the ring holds the master key <paramref name="id"/>.</summary>
    public bool Holds(string id) => _keys.ContainsKey(id);

    /// <summary>Wraps a data key for <paramref name="stream"/> under the current master key.</summary>
    public WrappedDataKey Wrap(string stream, ReadOnlySpan<byte> dataKey)
    {
        if (dataKey.Length != KeyBytes)
        {
            throw new ArgumentException($"A data key is {KeyBytes} bytes.", nameof(dataKey));
        }

        var wrapped = new byte[NonceBytes + KeyBytes + TagBytes];
        var nonce = wrapped.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[CurrentId], TagBytes);
        aes.Encrypt(nonce, dataKey, wrapped.AsSpan(NonceBytes, KeyBytes), wrapped.AsSpan(NonceBytes + KeyBytes), AssociatedData(stream));
        return new WrappedDataKey(CurrentId, wrapped);
    }

    /// <summary>Unwraps a stream's data key. The caller owns the returned bytes and should zero them when done.</summary>
    /// <exception cref="MasterKeyMissingException">The master key that wrapped it is not in the ring.</exception>
    /// <exception cref="CryptographicException">The wrapping was altered, or belongs to another stream.</exception>
    public byte[] Unwrap(string stream, WrappedDataKey wrapped)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        if (!_keys.TryGetValue(wrapped.MasterKeyId, out var master))
        {
            throw new MasterKeyMissingException(stream, wrapped.MasterKeyId);
        }

        var bytes = wrapped.Wrapped.Span;
        if (bytes.Length != NonceBytes + KeyBytes + TagBytes)
        {
            throw new CryptographicException($"The wrapped data key of stream '{stream}' is {bytes.Length} bytes, not {NonceBytes + KeyBytes + TagBytes}.");
        }

        var dataKey = new byte[KeyBytes];
        using var aes = new AesGcm(master, TagBytes);
        aes.Decrypt(bytes[..NonceBytes], bytes.Slice(NonceBytes, KeyBytes), bytes[(NonceBytes + KeyBytes)..], dataKey, AssociatedData(stream));
        return dataKey;
    }

    private string Add(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"A master key is {KeyBytes} bytes; this one is {key.Length}.", nameof(key));
        }

        var id = IdOf(key);
        _keys.TryAdd(id, key.ToArray());
        return id;
    }

    private static byte[] AssociatedData(string stream) => Encoding.UTF8.GetBytes("companion data key v1\n" + stream);
}

/// <summary>A data key was wrapped by a master key this silo was not given.</summary>
public sealed class MasterKeyMissingException(string stream, string masterKeyId)
    : Exception($"The data key of stream '{stream}' is wrapped by master key {masterKeyId}, which is not configured (give it as the current or a retired master key).")
{
    /// <summary>The id of the missing master key.</summary>
    public string MasterKeyId { get; } = masterKeyId;
}
