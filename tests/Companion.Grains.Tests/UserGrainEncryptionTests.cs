using System.Text;
using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;

namespace Companion.Grains.Tests;

/// <summary>What reaches the log is ciphertext under the user's own key; erasure destroys that key.</summary>
public sealed class UserGrainEncryptionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    // Spaces and a comma: no run of base64 can hold it by chance.
    private const string Phrase = "people always leave, but Ada stayed";

    [Fact]
    public async Task Every_payload_and_snapshot_reaches_the_log_encrypted_and_the_chain_verifies_without_the_key()
    {
        var user = await fixture.NewUserAsync();
        var stream = user.GetPrimaryKeyString();
        for (var i = 0; i < ClusterFixture.SnapshotEvery + 5; i++)
        {
            await user.WriteJournal("reframing", $"{Phrase} ({i})", "hopeful", null);
        }

        var envelopes = await fixture.Log.ReadAsync(stream).ToListAsync();
        var snapshot = await fixture.Log.LoadNewestSnapshotAsync(stream);

        Assert.Equal(ClusterFixture.SnapshotEvery + 6, envelopes.Count);
        Assert.All(envelopes, e => Assert.True(PayloadCipher.IsEncrypted(e.Payload.Span), $"version {e.Version} is stored in the clear"));
        Assert.DoesNotContain(envelopes, e => Encoding.UTF8.GetString(e.Payload.Span).Contains(Phrase, StringComparison.Ordinal));
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, envelopes));
        Assert.NotNull(snapshot);
        Assert.True(PayloadCipher.IsEncryptedSnapshot(snapshot.State.Span));
        Assert.DoesNotContain(Phrase, Encoding.UTF8.GetString(snapshot.State.Span), StringComparison.Ordinal);
        var revealed = await fixture.RevealAsync(envelopes[^1]);
        var entry = Assert.IsType<JournalEntryWritten>(EventTypeRegistry.ForUserEvents().FromEnvelope(revealed));
        Assert.Equal($"{Phrase} ({ClusterFixture.SnapshotEvery + 4})", entry.Text);

        await fixture.DeactivateAllAsync();
        var reloaded = await user.Reload();
        Assert.Equal(ClusterFixture.SnapshotEvery, reloaded.SnapshotVersion);
        Assert.Equal(ClusterFixture.SnapshotEvery + 6, (await user.GetState()).Version);
    }

    [Fact]
    public async Task Each_user_has_a_key_of_their_own()
    {
        var ada = await fixture.NewUserAsync("Ada");
        var bo = await fixture.NewUserAsync("Bo");
        using var adaKey = await fixture.Keys.OpenAsync(ada.GetPrimaryKeyString());
        using var boKey = await fixture.Keys.OpenAsync(bo.GetPrimaryKeyString());

        Assert.NotNull(adaKey);
        Assert.NotNull(boKey);
        Assert.NotEqual(adaKey.ExportKey(), boKey.ExportKey());
        var first = (await fixture.Log.ReadAsync(ada.GetPrimaryKeyString()).FirstAsync());
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            PayloadCipher.Reveal(first with { Stream = bo.GetPrimaryKeyString() }, boKey));
    }

    [Fact]
    public async Task A_snapshot_that_does_not_decrypt_is_ignored_and_the_log_replayed()
    {
        var user = await fixture.NewUserAsync();
        var stream = user.GetPrimaryKeyString();
        await user.WriteJournal("weather-report", "Cloudy, then clearing.", null, null);
        var head = await fixture.Log.GetHeadAsync(stream);
        using (var stranger = new PayloadCipher(stream, MasterKeyRing.NewKey()))
        {
            var forged = stranger.EncryptSnapshot(head.Version, Domain.State.UserState.SchemaVersion, "{}"u8);
            await fixture.Log.SaveSnapshotAsync(new Snapshot(stream, head.Version, head.Hash, Domain.State.UserState.SchemaVersion, forged, DateTimeOffset.UtcNow));
        }

        await fixture.DeactivateAllAsync();
        var stats = await user.Reload();

        Assert.Equal((0L, 2L), (stats.SnapshotVersion, stats.ReplayedEvents));
        Assert.Equal("Cloudy, then clearing.", (await user.GetState()).Journal.Single().Text);
    }

    [Fact]
    public async Task Erasure_destroys_the_key_then_the_events_and_the_user_is_gone_for_every_call()
    {
        var user = await fixture.NewUserAsync();
        var stream = user.GetPrimaryKeyString();
        await user.WriteJournal("secure-base-check-in", Phrase, "steady", null);

        await user.Erase();

        var entry = await fixture.KeyStore.GetAsync(stream);
        Assert.NotNull(entry);
        Assert.True(entry.IsErased);
        Assert.Null(entry.Key);
        Assert.Equal(StreamHead.Empty, await fixture.Log.GetHeadAsync(stream));
        Assert.Null(await fixture.Log.LoadNewestSnapshotAsync(stream));
        await AssertGone(() => user.GetState());
        await AssertGone(() => user.WriteJournal(null, "again", null, null));
        await AssertGone(() => user.Register("Someone else"));
        await AssertGone(() => user.GetStateAt(1));
        await AssertGone(() => user.Erase());
        Assert.Null(await user.GetTokensValidFrom());
        await Assert.ThrowsAsync<StreamErasedException>(() => fixture.Keys.OpenOrCreateAsync(stream));
        Assert.Equal(StreamHead.Empty, await fixture.Log.GetHeadAsync(stream));
    }

    [Fact]
    public async Task An_erasure_that_stopped_after_destroying_the_key_is_finished_by_asking_again()
    {
        var user = await fixture.NewUserAsync();
        var stream = user.GetPrimaryKeyString();
        await user.WriteJournal(null, Phrase, null, null);
        await fixture.Keys.DestroyAsync(stream); // as if the erasure stopped right after the key went
        await fixture.DeactivateAllAsync();

        Assert.NotEqual(0, (await fixture.Log.GetHeadAsync(stream)).Version);
        await AssertGone(() => user.GetState());
        await AssertGone(() => user.Erase());

        Assert.Equal(StreamHead.Empty, await fixture.Log.GetHeadAsync(stream));
    }

    private static async Task AssertGone(Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<DomainException>(call);
        Assert.Equal(DomainErrorKind.Gone, refused.Kind);
    }
}
