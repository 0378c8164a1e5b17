using Companion.Continuity.Spooling;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;
using Companion.Testing.Storage;
using Companion.Testing.Time;

namespace Companion.Continuity.Tests;

/// <summary>
/// The endpoint's exporter, which writes the archive once, through the fold, into an encrypted
/// spool and then sends it: the same bytes as the writer, a damaged history refused by version
/// before anything is sent, and no spool file left behind either way.
/// </summary>
public sealed class ArchiveExporterTests : IDisposable
{
    private readonly InMemoryEventLog _log = new();
    private readonly StreamKeys _keys = new(new InMemoryDataKeyStore(), new MasterKeyRing(MasterKeyRing.NewKey()));
    private readonly SpoolDirectory _spools = SpoolDirectory.Open(Directory.CreateTempSubdirectory("companion-exporter-").FullName);

    public void Dispose() => _spools.Dispose();

    [Fact]
    public async Task The_export_sends_the_writers_archive_byte_for_byte_and_leaves_no_spool_file()
    {
        var history = History.Sample(messages: 300);
        using var cipher = await AppendEncryptedAsync(history, damageAt: null);

        var exporter = new ArchiveExporter(_log, _keys, History.Registry, new ManualClock(Archives.ExportedAt), _spools);
        using var sent = new MemoryStream();
        ArchiveManifest manifest;
        using (var export = await exporter.PrepareAsync(history.UserId) ?? throw new InvalidOperationException("no export"))
        {
            Assert.NotEmpty(SpoolFiles());
            manifest = await export.WriteAsync(sent);
            Assert.Equal(history.Envelopes.Count, export.Head.Version);
            await Assert.ThrowsAsync<InvalidOperationException>(() => export.WriteAsync(new MemoryStream()));
        }

        using var written = new MemoryStream();
        await new ArchiveWriter(History.Registry, new ManualClock(Archives.ExportedAt)).WriteAsync(written, _log.ReadAsync(history.UserId), cipher);
        Assert.Equal(written.ToArray(), sent.ToArray());
        Assert.Equal((await _log.GetHeadAsync(history.UserId)).Hash, manifest.HeadHash);
        Assert.True((await Archives.VerifyAsync(sent.ToArray())).IsValid);
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public async Task A_damaged_envelope_refuses_the_export_by_its_version_and_leaves_no_spool_file()
    {
        var history = History.Sample(messages: 300);
        using var cipher = await AppendEncryptedAsync(history, damageAt: 150);

        var exporter = new ArchiveExporter(_log, _keys, History.Registry, spools: _spools);
        var refused = await Assert.ThrowsAsync<StreamDamagedException>(() => exporter.PrepareAsync(history.UserId));

        Assert.Equal(150, refused.Version);
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public async Task A_user_with_no_events_has_no_export()
    {
        var exporter = new ArchiveExporter(_log, _keys, History.Registry, spools: _spools);

        Assert.Null(await exporter.PrepareAsync("u_nobody0001"));
        Assert.Empty(SpoolFiles());
    }

    /// <summary>The history's events encrypted under a new key of the user and sealed again, as the grain stores them; one payload changed when asked.</summary>
    private async Task<PayloadCipher> AppendEncryptedAsync(History history, long? damageAt)
    {
        var cipher = await _keys.OpenOrCreateAsync(history.UserId);
        var sealedEnvelopes = EnvelopeChain.Seal(history.UserId, StreamHead.Empty, history.Envelopes.Select(envelope =>
        {
            var data = History.Registry.ToData(History.Registry.FromEnvelope(envelope));
            return data with { Payload = cipher.EncryptPayload(envelope.Version, data.Payload.Span) };
        })).ToList();
        if (damageAt is { } version)
        {
            var payload = sealedEnvelopes[(int)version - 1].Payload.ToArray();
            payload[^1] ^= 1;
            sealedEnvelopes[(int)version - 1] = sealedEnvelopes[(int)version - 1] with { Payload = payload };
        }

        await _log.AppendAsync(history.UserId, 0, sealedEnvelopes);
        return cipher;
    }

    private string[] SpoolFiles() => Directory.GetFiles(_spools.Path, "*.spool", SearchOption.AllDirectories);
}
