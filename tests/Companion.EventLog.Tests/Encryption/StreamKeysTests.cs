using System.Text;
using Companion.EventLog.Encryption;
using Companion.Testing.Storage;
using Companion.Testing.Time;

namespace Companion.EventLog.Tests.Encryption;

public sealed class StreamKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 5, 6, 7, 8, TimeSpan.Zero);
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"text":"hello"}""");

    private readonly InMemoryDataKeyStore _store = new();
    private readonly byte[] _master = MasterKeyRing.NewKey();

    private StreamKeys Keys(MasterKeyRing? ring = null) => new(_store, ring ?? new MasterKeyRing(_master), new ManualClock(Now));

    [Fact]
    public async Task Open_of_a_stream_without_a_key_returns_null_and_creates_none()
    {
        var keys = Keys();

        Assert.Null(await keys.OpenAsync("u_abc123"));
        Assert.Null(await keys.GetEntryAsync("u_abc123"));
    }

    [Fact]
    public async Task OpenOrCreate_creates_a_key_once_and_every_later_open_gets_the_same_one()
    {
        var keys = Keys();

        using var created = await keys.OpenOrCreateAsync("u_abc123");
        using var again = await keys.OpenOrCreateAsync("u_abc123");
        using var opened = await Keys().OpenAsync("u_abc123");

        Assert.NotNull(opened);
        Assert.Equal(created.ExportKey(), again.ExportKey());
        Assert.Equal(created.ExportKey(), opened.ExportKey());
        var envelope = new EventEnvelope("u_abc123", 1, "t", 1, Now, null, created.EncryptPayload(1, Payload), EnvelopeChain.GenesisHash, "");
        Assert.Equal(Payload, PayloadCipher.Reveal(envelope, opened).Payload.ToArray());
        var entry = await keys.GetEntryAsync("u_abc123");
        Assert.Equal(keys.Ring.CurrentId, entry?.Key?.MasterKeyId);
    }

    [Fact]
    public async Task Streams_get_different_keys()
    {
        var keys = Keys();

        using var alice = await keys.OpenOrCreateAsync("u_alice");
        using var bob = await keys.OpenOrCreateAsync("u_bob");

        Assert.NotEqual(alice.ExportKey(), bob.ExportKey());
    }

    [Fact]
    public async Task After_destroy_every_way_in_throws_stream_erased()
    {
        var keys = Keys();
        using (await keys.OpenOrCreateAsync("u_abc123"))
        {
        }

        await keys.DestroyAsync("u_abc123");

        var erased = await Assert.ThrowsAsync<StreamErasedException>(() => keys.OpenAsync("u_abc123"));
        Assert.Equal("u_abc123", erased.Stream);
        Assert.Equal(Now, erased.ErasedAt);
        await Assert.ThrowsAsync<StreamErasedException>(() => keys.OpenOrCreateAsync("u_abc123"));
        await Assert.ThrowsAsync<StreamErasedException>(() => keys.AdoptAsync("u_abc123", MasterKeyRing.NewKey()));
        var entry = await keys.GetEntryAsync("u_abc123");
        Assert.NotNull(entry);
        Assert.Null(entry.Key);
    }

    [Fact]
    public async Task Adopt_stores_the_given_key_for_a_stream_without_one()
    {
        var keys = Keys();
        var dataKey = MasterKeyRing.NewKey();

        Assert.True(await keys.AdoptAsync("u_abc123", dataKey));
        Assert.True(await keys.AdoptAsync("u_abc123", dataKey));

        using var opened = await keys.OpenAsync("u_abc123");
        Assert.NotNull(opened);
        Assert.Equal(dataKey, opened.ExportKey());
    }

    [Fact]
    public async Task Adopt_returns_false_and_changes_nothing_when_the_stream_has_another_key()
    {
        var keys = Keys();
        using var existing = await keys.OpenOrCreateAsync("u_abc123");

        Assert.False(await keys.AdoptAsync("u_abc123", MasterKeyRing.NewKey()));

        using var opened = await keys.OpenAsync("u_abc123");
        Assert.NotNull(opened);
        Assert.Equal(existing.ExportKey(), opened.ExportKey());
    }

    [Fact]
    public async Task Rewrap_moves_every_key_of_a_retired_master_key_to_the_current_one_and_keeps_the_data_keys()
    {
        var old = Keys();
        var dataKeys = new Dictionary<string, byte[]>();
        foreach (var stream in new[] { "u_a", "u_b", "u_c" })
        {
            using var cipher = await old.OpenOrCreateAsync(stream);
            dataKeys[stream] = cipher.ExportKey();
        }

        using (await old.OpenOrCreateAsync("u_erased"))
        {
        }

        await old.DestroyAsync("u_erased");
        var current = MasterKeyRing.NewKey();
        var rotated = Keys(new MasterKeyRing(current, [_master]));
        var progress = new Recorded();

        var (rewrapped, unreadable) = await rotated.RewrapAsync(progress);

        Assert.Equal(3, rewrapped);
        Assert.Equal(0, unreadable);
        Assert.Equal([1, 2, 3], progress.Reports);
        var onlyCurrent = Keys(new MasterKeyRing(current));
        foreach (var (stream, dataKey) in dataKeys)
        {
            Assert.Equal(rotated.Ring.CurrentId, (await _store.GetAsync(stream))?.Key?.MasterKeyId);
            using var opened = await onlyCurrent.OpenAsync(stream);
            Assert.NotNull(opened);
            Assert.Equal(dataKey, opened.ExportKey());
        }

        Assert.Equal((0, 0), await rotated.RewrapAsync());
        await Assert.ThrowsAsync<StreamErasedException>(() => onlyCurrent.OpenAsync("u_erased"));
    }

    [Fact]
    public async Task Rewrap_counts_a_key_whose_master_key_is_missing_as_unreadable_and_leaves_it()
    {
        var foreign = Keys(new MasterKeyRing(MasterKeyRing.NewKey()));
        using (await foreign.OpenOrCreateAsync("u_foreign"))
        {
        }

        var foreignEntry = await _store.GetAsync("u_foreign");
        using (await Keys().OpenOrCreateAsync("u_old"))
        {
        }

        var rotated = Keys(new MasterKeyRing(MasterKeyRing.NewKey(), [_master]));

        var (rewrapped, unreadable) = await rotated.RewrapAsync();

        Assert.Equal(1, rewrapped);
        Assert.Equal(1, unreadable);
        Assert.NotNull(foreignEntry?.Key);
        Assert.True(foreignEntry.Key.SameAs((await _store.GetAsync("u_foreign"))?.Key ?? throw new Xunit.Sdk.XunitException("The foreign key vanished.")));
        await Assert.ThrowsAsync<MasterKeyMissingException>(() => rotated.OpenAsync("u_foreign"));
    }

    private sealed class Recorded : IProgress<int>
    {
        public List<int> Reports { get; } = [];

        public void Report(int value) => Reports.Add(value);
    }
}
