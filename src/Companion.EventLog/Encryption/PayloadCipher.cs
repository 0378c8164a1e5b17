using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Companion.EventLog.Encryption;

/// <summary>
/// Encrypts and decrypts one stream's payloads and snapshots with its data key: AES-256-GCM, a
/// fresh random nonce per record, the stream and version as associated data (so a record cannot
/// be moved to another place in the log without failing to decrypt). An encrypted payload is a
/// JSON string, <c>"cge1:" + base64(nonce ‖ ciphertext ‖ tag)</c>, so the envelope stays JSON and
/// the hash chain covers the ciphertext: anyone can verify a log without its key. Payloads that
/// are JSON objects were written before encryption (or imported so) and pass through unchanged.
/// A snapshot's state is not hashed into the chain and need not be text: it is sealed as bytes,
/// <c>"cgb1" ‖ nonce ‖ ciphertext ‖ tag</c>, without the base64 (a third larger, and a pass over a
/// state of megabytes on every activation); snapshots sealed as a JSON string still open.
/// Safe to share between threads: a nonce is drawn under one lock and the AES context (which
/// OpenSSL does not let two threads use at once) is used under another; each user's grain, export
/// and recall index hold their own cipher, so neither lock is contended in normal use.
/// </summary>
public sealed class PayloadCipher : IDisposable
{
    /// <summary>The prefix of an encrypted payload or snapshot inside its JSON string.</summary>
    public const string Prefix = "cge1:";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int StackAadBytes = 256;

    // Nonces drawn from the system's random generator 64 at a time: one call per nonce cost more
    // than the AES-GCM encryption itself on the append path. Each is still used once and only once.
    private const int NoncesPerDraw = 64;
    private static readonly byte[] QuotedPrefix = Encoding.ASCII.GetBytes("\"" + Prefix);
    private static readonly byte[] SealedBytesMark = "cgb1"u8.ToArray();
    private static readonly byte[] EventAadHead = "companion event v1\n"u8.ToArray();
    private readonly byte[] _key;
    private readonly AesGcm _aes;
    private readonly Lock _nonceGate = new();
    private readonly Lock _aesGate = new();
    private readonly byte[] _nonces = new byte[NonceBytes * NoncesPerDraw];
    private int _noncesUsed = NoncesPerDraw;

    /// <summary>A cipher over <paramref name="stream"/>'s data key (copied; zeroed on dispose).</summary>
    public PayloadCipher(string stream, ReadOnlySpan<byte> dataKey)
    {
        if (dataKey.Length != MasterKeyRing.KeyBytes)
        {
            throw new ArgumentException($"A data key is {MasterKeyRing.KeyBytes} bytes.", nameof(dataKey));
        }

        Stream = stream;
        _key = dataKey.ToArray();
        _aes = new AesGcm(_key, TagBytes);
    }

    /// <summary>The stream whose key this is.</summary>
    public string Stream { get; }

    /// <summary>True when a payload (or snapshot state) is encrypted, i.e. a JSON string with the prefix.</summary>
    public static bool IsEncrypted(ReadOnlySpan<byte> json) => json.StartsWith(QuotedPrefix);

    /// <summary>True when a snapshot's stored state is encrypted: sealed as bytes, or as a JSON string (older snapshots).</summary>
    public static bool IsEncryptedSnapshot(ReadOnlySpan<byte> state) => state.StartsWith(SealedBytesMark) || IsEncrypted(state);

    /// <summary>
    /// The payload in the clear: decrypted when encrypted, as it is otherwise. Throws when it is
    /// encrypted and no cipher is given.
    /// </summary>
    /// <exception cref="CryptographicException">The ciphertext was altered, moved, or is under another key.</exception>
    public static EventEnvelope Reveal(EventEnvelope envelope, PayloadCipher? cipher)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!IsEncrypted(envelope.Payload.Span))
        {
            return envelope;
        }

        return cipher is null
            ? throw new CryptographicException($"Version {envelope.Version} of stream '{envelope.Stream}' is encrypted, and its key is not at hand.")
            : envelope with { Payload = cipher.Decrypt(envelope.Payload.Span, EventAad(envelope.Stream, envelope.Version)) };
    }

    /// <summary>The state of a snapshot in the clear; see <see cref="Reveal(EventEnvelope, PayloadCipher?)"/>.</summary>
    public static ReadOnlyMemory<byte> Reveal(Snapshot snapshot, PayloadCipher? cipher)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var sealedBytes = snapshot.State.Span.StartsWith(SealedBytesMark);
        if (!sealedBytes && !IsEncrypted(snapshot.State.Span))
        {
            return snapshot.State;
        }

        if (cipher is null)
        {
            throw new CryptographicException($"The snapshot of stream '{snapshot.Stream}' at version {snapshot.Version} is encrypted, and its key is not at hand.");
        }

        var associatedData = SnapshotAad(snapshot.Stream, snapshot.Version, snapshot.StateSchema);
        return sealedBytes
            ? cipher.Open(snapshot.State.Span[SealedBytesMark.Length..], associatedData)
            : cipher.Decrypt(snapshot.State.Span, associatedData);
    }

    /// <summary>Encrypts the payload of the event at <paramref name="version"/> of this stream.</summary>
    public ReadOnlyMemory<byte> EncryptPayload(long version, ReadOnlySpan<byte> payload)
    {
        // The associated data is written on the stack (or in a pooled buffer for a very long
        // stream name): this runs for every append, and its bytes are those of EventAad.
        var most = EventAadMaxBytes(Stream);
        byte[]? rented = null;
        Span<byte> buffer = most <= StackAadBytes ? stackalloc byte[StackAadBytes] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            return Encrypt(payload, buffer[..WriteEventAad(buffer, Stream, version)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Encrypts the state of a snapshot of this stream at <paramref name="version"/>.</summary>
    public ReadOnlyMemory<byte> EncryptSnapshot(long version, int stateSchema, ReadOnlySpan<byte> state)
    {
        var sealedBytes = new byte[SealedBytesMark.Length + NonceBytes + state.Length + TagBytes];
        SealedBytesMark.CopyTo(sealedBytes, 0);
        Seal(state, SnapshotAad(Stream, version, stateSchema), sealedBytes.AsSpan(SealedBytesMark.Length));
        return sealedBytes;
    }

    /// <summary>A copy of the data key, for the user's own archive. The caller should zero it when done.</summary>
    public byte[] ExportKey() => _key.ToArray();

    /// <inheritdoc />
    public void Dispose()
    {
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_key);
    }

    /// <summary>The associated data of an event's payload: its stream and version, <c>"companion event v1\n{stream}\n{version}"</c> in UTF-8.</summary>
    public static byte[] EventAad(string stream, long version)
    {
        var buffer = new byte[EventAadMaxBytes(stream)];
        return buffer[..WriteEventAad(buffer, stream, version)];
    }

    private static int EventAadMaxBytes(string stream) => EventAadHead.Length + Encoding.UTF8.GetMaxByteCount(stream.Length) + 1 + 20;

    /// <summary>Writes <see cref="EventAad"/>'s bytes into <paramref name="destination"/> (at least <see cref="EventAadMaxBytes"/> long); returns how many.</summary>
    private static int WriteEventAad(Span<byte> destination, string stream, long version)
    {
        EventAadHead.CopyTo(destination);
        var written = EventAadHead.Length;
        written += Encoding.UTF8.GetBytes(stream, destination[written..]);
        destination[written++] = (byte)'\n';
        if (!version.TryFormat(destination[written..], out var digits, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("The associated data's buffer is too short for the version.");
        }

        return written + digits;
    }

    private static byte[] SnapshotAad(string stream, long version, int stateSchema) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"companion snapshot v1\n{stream}\n{version}\n{stateSchema}"));

    /// <summary>Writes nonce ‖ ciphertext ‖ tag of <paramref name="plaintext"/> into <paramref name="record"/>, which is exactly that long.</summary>
    private void Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> record)
    {
        var nonce = record[..NonceBytes];
        TakeNonce(nonce);
        lock (_aesGate)
        {
            _aes.Encrypt(nonce, plaintext, record.Slice(NonceBytes, plaintext.Length), record[(NonceBytes + plaintext.Length)..], associatedData);
        }
    }

    /// <summary>The plaintext of a nonce ‖ ciphertext ‖ tag record.</summary>
    private byte[] Open(ReadOnlySpan<byte> record, byte[] associatedData)
    {
        if (record.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("A sealed record is shorter than its nonce and tag.");
        }

        var plaintext = new byte[record.Length - NonceBytes - TagBytes];
        lock (_aesGate)
        {
            _aes.Decrypt(record[..NonceBytes], record[NonceBytes..^TagBytes], record[^TagBytes..], plaintext, associatedData);
        }

        return plaintext;
    }

    /// <summary>
    /// The JSON string <c>"cge1:base64(nonce ‖ ciphertext ‖ tag)"</c>, in one array of its exact
    /// length: the record is sealed where its base64 goes, then encoded in place.
    /// </summary>
    private byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedLength = NonceBytes + plaintext.Length + TagBytes;
        var encodedLength = Base64.GetMaxEncodedToUtf8Length(sealedLength);
        var json = new byte[QuotedPrefix.Length + encodedLength + 1];
        QuotedPrefix.CopyTo(json, 0);
        var encoded = json.AsSpan(QuotedPrefix.Length, encodedLength);
        Seal(plaintext, associatedData, encoded[..sealedLength]);
        if (Base64.EncodeToUtf8InPlace(encoded, sealedLength, out var written) != OperationStatus.Done || written != encodedLength)
        {
            throw new InvalidOperationException("Encoding a sealed record as base64 in place failed.");
        }

        json[^1] = (byte)'"';
        return json;
    }

    /// <summary>
    /// A fresh random nonce, never handed out twice, whichever threads ask (a repeated nonce under
    /// one key would break AES-GCM).
    /// </summary>
    private void TakeNonce(Span<byte> nonce)
    {
        lock (_nonceGate)
        {
            if (_noncesUsed == NoncesPerDraw)
            {
                RandomNumberGenerator.Fill(_nonces);
                _noncesUsed = 0;
            }

            var taken = _nonces.AsSpan(_noncesUsed * NonceBytes, NonceBytes);
            taken.CopyTo(nonce);
            taken.Clear();
            _noncesUsed++;
        }
    }

    private byte[] Decrypt(ReadOnlySpan<byte> json, byte[] associatedData)
    {
        if (json.Length < QuotedPrefix.Length + 1 || json[^1] != (byte)'"')
        {
            throw new CryptographicException("An encrypted record must be a JSON string.");
        }

        var encoded = json[QuotedPrefix.Length..^1];
        var record = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        if (Base64.DecodeFromUtf8(encoded, record, out _, out var length) != OperationStatus.Done || length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("An encrypted record is not base64 of a nonce, a ciphertext and a tag.");
        }

        return Open(record.AsSpan(0, length), associatedData);
    }
}
