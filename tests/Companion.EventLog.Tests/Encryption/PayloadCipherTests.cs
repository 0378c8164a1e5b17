using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Companion.EventLog.Encryption;

namespace Companion.EventLog.Tests.Encryption;

public sealed class PayloadCipherTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"text":"the words only she should read"}""");

    private readonly byte[] _dataKey = MasterKeyRing.NewKey();
    private readonly PayloadCipher _cipher;

    public PayloadCipherTests() => _cipher = new PayloadCipher("u_alice", _dataKey);

    public void Dispose() => _cipher.Dispose();

    [Fact]
    public void An_encrypted_payload_sealed_in_an_envelope_reveals_the_plaintext()
    {
        var envelope = SealEncrypted("u_alice", Payload);

        var revealed = PayloadCipher.Reveal(envelope, _cipher);

        Assert.Equal(Payload, revealed.Payload.ToArray());
        Assert.Equal(envelope with { Payload = revealed.Payload }, revealed);
        Assert.DoesNotContain("only she", Encoding.UTF8.GetString(envelope.Payload.Span), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("u_alice", 1L)]
    [InlineData("u_ä_名前", 9_223_372_036_854_775_807L)]
    [InlineData("", 0L)]
    public void The_associated_data_of_an_event_is_its_stream_and_version_in_the_one_text_form(string stream, long version)
    {
        // Written without the intermediate string now; these bytes are what every stored payload was encrypted under.
        var expected = Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"companion event v1\n{stream}\n{version}"));

        Assert.Equal(expected, PayloadCipher.EventAad(stream, version));
    }

    [Fact]
    public void An_encrypted_payload_is_the_prefix_and_the_padded_base64_of_nonce_ciphertext_and_tag_in_a_JSON_string()
    {
        foreach (var length in new[] { 0, 1, 2, 3, 100, 4_097 })
        {
            var plaintext = Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26))).ToArray();
            var encrypted = _cipher.EncryptPayload(5, plaintext).ToArray();

            var text = JsonSerializer.Deserialize<string>(encrypted) ?? "";
            Assert.StartsWith(PayloadCipher.Prefix, text, StringComparison.Ordinal);
            Assert.Equal(12 + length + 16, Convert.FromBase64String(text[PayloadCipher.Prefix.Length..]).Length);
            Assert.Equal(plaintext, PayloadCipher.Reveal(Envelope("u_alice", 5, encrypted), _cipher).Payload.ToArray());
        }
    }

    [Fact]
    public void Two_encryptions_of_one_plaintext_differ_and_both_decrypt()
    {
        var first = _cipher.EncryptPayload(1, Payload);
        var second = _cipher.EncryptPayload(1, Payload);

        Assert.NotEqual(first.ToArray(), second.ToArray());
        Assert.Equal(Payload, PayloadCipher.Reveal(Envelope("u_alice", 1, first), _cipher).Payload.ToArray());
        Assert.Equal(Payload, PayloadCipher.Reveal(Envelope("u_alice", 1, second), _cipher).Payload.ToArray());
    }

    [Fact]
    public void A_payload_moved_to_another_version_does_not_decrypt()
    {
        var encrypted = _cipher.EncryptPayload(1, Payload);

        Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(Envelope("u_alice", 2, encrypted), _cipher));
    }

    [Fact]
    public void A_payload_moved_to_another_stream_does_not_decrypt_even_under_the_same_key()
    {
        var encrypted = _cipher.EncryptPayload(1, Payload);
        using var sameKeyOtherStream = new PayloadCipher("u_mallory", _dataKey);

        Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(Envelope("u_mallory", 1, encrypted), sameKeyOtherStream));
    }

    [Fact]
    public void A_payload_under_another_key_does_not_decrypt()
    {
        var encrypted = _cipher.EncryptPayload(1, Payload);
        using var otherKey = new PayloadCipher("u_alice", MasterKeyRing.NewKey());

        Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(Envelope("u_alice", 1, encrypted), otherKey));
    }

    [Theory]
    [InlineData(6)] // inside the nonce
    [InlineData(30)] // inside the ciphertext
    [InlineData(-3)] // inside the tag
    public void A_payload_with_one_character_changed_does_not_decrypt(int index)
    {
        var encrypted = _cipher.EncryptPayload(1, Payload).ToArray();
        var at = index < 0 ? encrypted.Length - 1 + index : index;
        encrypted[at] = encrypted[at] == (byte)'A' ? (byte)'B' : (byte)'A';

        Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(Envelope("u_alice", 1, encrypted), _cipher));
    }

    [Theory]
    [InlineData("\"cge1:\"")]
    [InlineData("\"cge1:not base64!\"")]
    [InlineData("\"cge1:AAAA")]
    public void A_malformed_encrypted_payload_throws_a_cryptographic_exception(string payload)
    {
        Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(Envelope("u_alice", 1, Encoding.UTF8.GetBytes(payload)), _cipher));
    }

    [Fact]
    public void A_plaintext_object_payload_passes_through_with_or_without_a_cipher()
    {
        var envelope = Envelope("u_alice", 1, Payload);

        Assert.Same(envelope, PayloadCipher.Reveal(envelope, _cipher));
        Assert.Same(envelope, PayloadCipher.Reveal(envelope, null));
        Assert.False(PayloadCipher.IsEncrypted(Payload));
        Assert.False(PayloadCipher.IsEncrypted("\"a plain string\""u8));
    }

    [Fact]
    public void An_encrypted_payload_without_a_cipher_throws_naming_the_version_and_stream()
    {
        var envelope = Envelope("u_alice", 7, _cipher.EncryptPayload(7, Payload));

        var error = Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(envelope, null));

        Assert.Contains("Version 7 of stream 'u_alice'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_encrypted_form_is_a_json_string_that_envelopes_carry_and_hash_chains_verify()
    {
        var envelopes = EnvelopeChain.Seal("u_alice", StreamHead.Empty, new[] { 1, 2, 3 }.Select(version =>
            new EventData("message-recorded", 1, At.AddSeconds(version), null, _cipher.EncryptPayload(version, Payload))));

        Assert.All(envelopes, envelope =>
        {
            Assert.True(PayloadCipher.IsEncrypted(envelope.Payload.Span));
            using var payload = JsonDocument.Parse(envelope.Payload);
            Assert.Equal(JsonValueKind.String, payload.RootElement.ValueKind);
            Assert.StartsWith(PayloadCipher.Prefix, payload.RootElement.GetString(), StringComparison.Ordinal);
        });
        var parsed = envelopes.Select(envelope => EnvelopeJson.Parse(ToJsonLine(envelope))).ToList();
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, parsed));
        Assert.Equal(envelopes.Select(e => e.Hash), parsed.Select(e => e.Hash));
        Assert.All(parsed, envelope => Assert.Equal(Payload, PayloadCipher.Reveal(envelope, _cipher).Payload.ToArray()));

        var tampered = parsed.ToList();
        var bytes = tampered[1].Payload.ToArray();
        bytes[20] = bytes[20] == (byte)'A' ? (byte)'B' : (byte)'A';
        tampered[1] = tampered[1] with { Payload = bytes };
        Assert.NotNull(EnvelopeChain.FindBreak(StreamHead.Empty, tampered));
    }

    [Fact]
    public void A_snapshot_sealed_as_a_JSON_string_before_the_binary_form_still_opens()
    {
        // Sealed as the cipher sealed snapshots until state schema 8: "cge1:" + base64(nonce ‖ ciphertext ‖ tag) in quotes.
        var state = Encoding.UTF8.GetBytes("""{"messages":["the words only she should read"]}""");
        var associatedData = Encoding.UTF8.GetBytes("companion snapshot v1\nu_alice\n5\n2");
        var record = new byte[12 + state.Length + 16];
        RandomNumberGenerator.Fill(record.AsSpan(0, 12));
        using (var aes = new AesGcm(_dataKey, 16))
        {
            aes.Encrypt(record.AsSpan(0, 12), state, record.AsSpan(12, state.Length), record.AsSpan(12 + state.Length), associatedData);
        }

        var older = Encoding.ASCII.GetBytes($"\"{PayloadCipher.Prefix}{Convert.ToBase64String(record)}\"");
        var snapshot = new Snapshot("u_alice", 5, new string('a', 64), 2, older, At);

        Assert.True(PayloadCipher.IsEncryptedSnapshot(older));
        Assert.Equal(state, PayloadCipher.Reveal(snapshot, _cipher).ToArray());
        Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(snapshot with { Version = 6 }, _cipher));
    }

    [Fact]
    public void A_snapshot_round_trips_and_is_bound_to_its_stream_version_and_schema()
    {
        var state = Encoding.UTF8.GetBytes("""{"messages":["the words only she should read"]}""");
        var encrypted = _cipher.EncryptSnapshot(5, 2, state);
        var snapshot = new Snapshot("u_alice", 5, new string('a', 64), 2, encrypted, At);

        Assert.True(PayloadCipher.IsEncryptedSnapshot(encrypted.Span));
        Assert.Equal(encrypted.Length, 4 + 12 + state.Length + 16); // sealed as bytes: no base64
        Assert.Equal(state, PayloadCipher.Reveal(snapshot, _cipher).ToArray());
        Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(snapshot with { Version = 6 }, _cipher));
        Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(snapshot with { StateSchema = 3 }, _cipher));
        Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(snapshot with { Stream = "u_mallory" }, _cipher));
        Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(snapshot, null));
    }

    [Fact]
    public void A_snapshot_and_an_event_of_the_same_version_cannot_stand_in_for_each_other()
    {
        var asSnapshot = _cipher.EncryptSnapshot(1, 1, Payload);
        var asEvent = _cipher.EncryptPayload(1, Payload);

        // A snapshot's sealed bytes are not an encrypted payload: an event carrying them is not opened.
        Assert.Equal(asSnapshot.ToArray(), PayloadCipher.Reveal(Envelope("u_alice", 1, asSnapshot), _cipher).Payload.ToArray());
        Assert.ThrowsAny<CryptographicException>(() => PayloadCipher.Reveal(new Snapshot("u_alice", 1, new string('a', 64), 1, asEvent, At), _cipher));
    }

    [Fact]
    public void A_plaintext_snapshot_passes_through()
    {
        var snapshot = new Snapshot("u_alice", 5, new string('a', 64), 2, Payload, At);

        Assert.Equal(Payload, PayloadCipher.Reveal(snapshot, null).ToArray());
    }

    [Fact]
    public void The_cipher_keeps_its_own_copy_of_the_data_key()
    {
        var key = MasterKeyRing.NewKey();
        var original = key.ToArray();
        using var cipher = new PayloadCipher("u_alice", key);
        var encrypted = cipher.EncryptPayload(1, Payload);

        Array.Clear(key);

        Assert.Equal(original, cipher.ExportKey());
        Assert.Equal(Payload, PayloadCipher.Reveal(Envelope("u_alice", 1, encrypted), cipher).Payload.ToArray());
        Assert.Throws<ArgumentException>(() => new PayloadCipher("u_alice", new byte[16]));
    }

    private EventEnvelope SealEncrypted(string stream, byte[] payload) =>
        EnvelopeChain.Seal(stream, StreamHead.Empty, [new EventData("message-recorded", 1, At, "key-1", _cipher.EncryptPayload(1, payload))])[0];

    private static EventEnvelope Envelope(string stream, long version, ReadOnlyMemory<byte> payload) =>
        new(stream, version, "message-recorded", 1, At, null, payload, EnvelopeChain.GenesisHash, new string('b', 64));

    private static byte[] ToJsonLine(EventEnvelope envelope)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            EnvelopeJson.Write(writer, envelope);
        }

        return buffer.ToArray();
    }
}
