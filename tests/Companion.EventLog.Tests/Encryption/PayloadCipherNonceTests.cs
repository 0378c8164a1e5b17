using System.Text;
using Companion.EventLog.Encryption;

namespace Companion.EventLog.Tests.Encryption;

/// <summary>Nonces are drawn in blocks for speed; each must still be used once only, whoever calls.</summary>
public sealed class PayloadCipherNonceTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"text":"the same words every time"}""");

    [Fact]
    public void Every_payload_gets_its_own_nonce_across_many_draws_of_nonces()
    {
        using var cipher = new PayloadCipher("u_nonce", MasterKeyRing.NewKey());

        var nonces = Enumerable.Range(1, 1_000).Select(v => Nonce(cipher.EncryptPayload(v, Payload))).ToList();

        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Fact]
    public async Task Encryptions_from_several_threads_at_once_never_share_a_nonce()
    {
        using var cipher = new PayloadCipher("u_nonce", MasterKeyRing.NewKey());

        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            Enumerable.Range(1, 500).Select(v => Nonce(cipher.EncryptPayload((t * 1_000) + v, Payload))).ToList())));

        var nonces = batches.SelectMany(b => b).ToList();
        Assert.Equal(4_000, nonces.Count);
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Fact]
    public async Task One_cipher_shared_by_several_threads_encrypts_and_decrypts_every_payload_intact()
    {
        using var cipher = new PayloadCipher("u_shared", MasterKeyRing.NewKey());

        var rounds = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            Enumerable.Range(1, 300).All(v =>
            {
                var version = (t * 1_000) + v;
                var sealedPayload = cipher.EncryptPayload(version, Payload);
                var envelope = new EventEnvelope("u_shared", version, "t", 1, DateTimeOffset.UnixEpoch, null, sealedPayload, EnvelopeChain.GenesisHash, "");
                return PayloadCipher.Reveal(envelope, cipher).Payload.Span.SequenceEqual(Payload);
            }))));

        Assert.All(rounds, Assert.True);
    }

    /// <summary>The first 12 bytes of the sealed record inside <c>"cge1:…"</c>.</summary>
    private static string Nonce(ReadOnlyMemory<byte> encrypted)
    {
        var json = Encoding.ASCII.GetString(encrypted.Span);
        var record = Convert.FromBase64String(json[(PayloadCipher.Prefix.Length + 1)..^1]);
        return Convert.ToHexString(record, 0, 12);
    }
}
