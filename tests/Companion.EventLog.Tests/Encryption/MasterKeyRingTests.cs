using System.Security.Cryptography;
using Companion.EventLog.Encryption;

namespace Companion.EventLog.Tests.Encryption;

public sealed class MasterKeyRingTests
{
    private readonly byte[] _master = MasterKeyRing.NewKey();
    private readonly byte[] _dataKey = MasterKeyRing.NewKey();

    [Fact]
    public void Wrap_then_unwrap_returns_the_data_key()
    {
        var ring = new MasterKeyRing(_master);

        var wrapped = ring.Wrap("u_abc123", _dataKey);

        Assert.Equal(ring.CurrentId, wrapped.MasterKeyId);
        Assert.Equal(12 + 32 + 16, wrapped.Wrapped.Length);
        Assert.False(wrapped.Wrapped.Span.IndexOf(_dataKey) >= 0, "The data key must not appear in the clear.");
        Assert.Equal(_dataKey, ring.Unwrap("u_abc123", wrapped));
    }

    [Fact]
    public void Two_wrappings_of_one_data_key_differ_and_both_unwrap()
    {
        var ring = new MasterKeyRing(_master);

        var first = ring.Wrap("u_abc123", _dataKey);
        var second = ring.Wrap("u_abc123", _dataKey);

        Assert.False(first.SameAs(second));
        Assert.Equal(_dataKey, ring.Unwrap("u_abc123", first));
        Assert.Equal(_dataKey, ring.Unwrap("u_abc123", second));
    }

    [Fact]
    public void Unwrap_of_a_wrapping_moved_to_another_stream_throws()
    {
        var ring = new MasterKeyRing(_master);
        var wrapped = ring.Wrap("u_alice", _dataKey);

        Assert.ThrowsAny<CryptographicException>(() => ring.Unwrap("u_mallory", wrapped));
    }

    [Theory]
    [InlineData(0)] // the nonce
    [InlineData(12)] // the encrypted key
    [InlineData(43)]
    [InlineData(44)] // the tag
    [InlineData(59)]
    public void Unwrap_of_a_wrapping_with_one_byte_changed_throws(int index)
    {
        var ring = new MasterKeyRing(_master);
        var bytes = ring.Wrap("u_abc123", _dataKey).Wrapped.ToArray();
        bytes[index] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => ring.Unwrap("u_abc123", new WrappedDataKey(ring.CurrentId, bytes)));
    }

    [Fact]
    public void Unwrap_of_a_truncated_wrapping_throws()
    {
        var ring = new MasterKeyRing(_master);
        var wrapped = ring.Wrap("u_abc123", _dataKey);

        Assert.ThrowsAny<CryptographicException>(() => ring.Unwrap("u_abc123", wrapped with { Wrapped = wrapped.Wrapped[..^1] }));
    }

    [Fact]
    public void Unwrap_under_a_master_key_the_ring_lacks_throws_master_key_missing()
    {
        var other = new MasterKeyRing(MasterKeyRing.NewKey());
        var wrapped = other.Wrap("u_abc123", _dataKey);
        var ring = new MasterKeyRing(_master);

        var missing = Assert.Throws<MasterKeyMissingException>(() => ring.Unwrap("u_abc123", wrapped));

        Assert.Equal(other.CurrentId, missing.MasterKeyId);
        Assert.Contains($"master key {other.CurrentId}, which is not configured (give it as the current or a retired master key)", missing.Message, StringComparison.Ordinal);
        Assert.False(ring.Holds(other.CurrentId));
    }

    [Fact]
    public void Unwrap_with_a_forged_id_of_another_master_key_in_the_ring_throws()
    {
        var retired = MasterKeyRing.NewKey();
        var ring = new MasterKeyRing(_master, [retired]);
        var wrapped = ring.Wrap("u_abc123", _dataKey);

        Assert.ThrowsAny<CryptographicException>(() => ring.Unwrap("u_abc123", wrapped with { MasterKeyId = MasterKeyRing.IdOf(retired) }));
    }

    [Fact]
    public void A_retired_master_key_still_unwraps_and_new_wrappings_use_the_current_one()
    {
        var old = new MasterKeyRing(_master);
        var wrappedByOld = old.Wrap("u_abc123", _dataKey);
        var current = MasterKeyRing.NewKey();

        var rotated = new MasterKeyRing(current, [_master]);

        Assert.Equal(MasterKeyRing.IdOf(current), rotated.CurrentId);
        Assert.Equal([MasterKeyRing.IdOf(current), old.CurrentId], rotated.Ids);
        Assert.True(rotated.Holds(old.CurrentId));
        Assert.Equal(_dataKey, rotated.Unwrap("u_abc123", wrappedByOld));
        var wrappedNow = rotated.Wrap("u_abc123", _dataKey);
        Assert.Equal(rotated.CurrentId, wrappedNow.MasterKeyId);
        Assert.Equal(_dataKey, new MasterKeyRing(current).Unwrap("u_abc123", wrappedNow));
        Assert.Throws<MasterKeyMissingException>(() => new MasterKeyRing(current).Unwrap("u_abc123", wrappedByOld));
    }

    [Fact]
    public void IdOf_is_stable_for_a_key_and_differs_between_keys()
    {
        var id = MasterKeyRing.IdOf(_master);

        Assert.Equal(id, MasterKeyRing.IdOf(_master.ToArray()));
        Assert.Equal(id, new MasterKeyRing(_master).CurrentId);
        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.NotEqual(id, MasterKeyRing.IdOf(MasterKeyRing.NewKey()));
        var oneBitOff = _master.ToArray();
        oneBitOff[31] ^= 0x80;
        Assert.NotEqual(id, MasterKeyRing.IdOf(oneBitOff));
    }

    [Fact]
    public void ParseKey_reads_44_characters_of_base64_around_whitespace()
    {
        Assert.Equal(_master, MasterKeyRing.ParseKey($"  {Convert.ToBase64String(_master)}\n", "Encryption:MasterKey"));
    }

    [Fact]
    public void ParseKey_of_text_that_is_not_base64_names_the_setting_and_what_it_must_be()
    {
        var error = Assert.Throws<FormatException>(() => MasterKeyRing.ParseKey("not a key!", "Encryption:MasterKey"));

        Assert.Contains("Encryption:MasterKey is not base64", error.Message, StringComparison.Ordinal);
        Assert.Contains("32 random bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void ParseKey_of_base64_of_the_wrong_length_says_how_many_bytes_it_is(int length)
    {
        var error = Assert.Throws<FormatException>(() => MasterKeyRing.ParseKey(Convert.ToBase64String(new byte[length]), "Encryption:MasterKey"));

        Assert.Contains($"Encryption:MasterKey is {length} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_of_the_wrong_length_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new MasterKeyRing(new byte[16]));
        Assert.Throws<ArgumentException>(() => new MasterKeyRing(_master, [new byte[31]]));
        Assert.Throws<ArgumentException>(() => new MasterKeyRing(_master).Wrap("u_abc123", new byte[16]));
    }
}
