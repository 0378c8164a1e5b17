using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Companion.Continuity.Rendering;
using Companion.Continuity.Spooling;
using Companion.Continuity.Zip;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;

namespace Companion.Continuity;

/// <summary>
/// Writes a user's whole history as a <c>companion-continuity</c> v1 zip, streaming: envelopes
/// are read once, in order, and each is written to <c>events.jsonl</c> (and to its
/// conversation's transcript, spooled to a private, encrypted file) as it passes, so memory holds the
/// derived state, never the history. The destination need not be seekable (an HTTP response will do).
/// </summary>
/// <param name="registry">Reads the payloads, to derive the state and the human-readable files.</param>
/// <param name="clock">The time written as <c>exportedAt</c>; the system clock when null.</param>
/// <param name="spools">Where transcripts are spooled while the events pass; <see cref="SpoolDirectory.Temporary"/> when null.</param>
public sealed class ArchiveWriter(EventTypeRegistry registry, TimeProvider? clock = null, SpoolDirectory? spools = null)
{
    /// <summary>This software and its version, as manifests name it.</summary>
    /// <summary>
    /// The zlib level of every entry. Level 6 (what <c>CompressionLevel.Optimal</c> means) spent
    /// more time deflating <c>events.jsonl</c> than reading, checking, decrypting and folding it;
    /// level 2 took about two thirds of that time for a file 0.5 % larger (encrypted payloads
    /// barely compress at any level), while level 1 made it 31 % larger (docs/BENCHMARKS.md).
    /// </summary>
    internal const int Level = 2;

    internal static readonly string Producer = $"Companion.Grains {typeof(ArchiveWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown"}";

    /// <summary>
    /// Writes the archive of <paramref name="envelopes"/> (one stream, from version 1, in order)
    /// to <paramref name="destination"/>, which is left open.
    /// </summary>
    /// <returns>The manifest written into the archive.</returns>
    /// <exception cref="InvalidDataException">The envelopes do not form one unbroken, readable history.</exception>
    public Task<ArchiveManifest> WriteAsync(Stream destination, IAsyncEnumerable<EventEnvelope> envelopes, CancellationToken cancellationToken = default) =>
        WriteAsync(destination, envelopes, null, cancellationToken);

    /// <summary>
    /// Writes the archive of <paramref name="envelopes"/>, whose payloads are read with
    /// <paramref name="cipher"/> (the stream's key, which then goes into the archive as
    /// <c>key.json</c>, so the events stay byte for byte as stored and restore to the same hashes).
    /// </summary>
    /// <returns>The manifest written into the archive.</returns>
    /// <exception cref="InvalidDataException">The envelopes do not form one unbroken, readable history.</exception>
    public async Task<ArchiveManifest> WriteAsync(Stream destination, IAsyncEnumerable<EventEnvelope> envelopes, PayloadCipher? cipher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(envelopes);
        var exportedAt = (clock ?? TimeProvider.System).GetUtcNow();
        var fold = new HistoryFold(registry, cipher);
        using var transcripts = new TranscriptSpool(spools ?? SpoolDirectory.Temporary);
        await using var zip = new ZipStreamWriter(destination, Level);
        var events = zip.OpenEntry(ArchiveFormat.EventsEntry, exportedAt);
        var spooling = new TranscriptPipeline(transcripts, cancellationToken);
        try
        {
            await WriteEventsAsync(events, envelopes, fold, spooling, cancellationToken);
            await spooling.CompleteAsync();
        }
        catch
        {
            await spooling.AbandonAsync();
            throw;
        }

        await events.CloseAsync(cancellationToken);

        transcripts.Complete();
        if (cipher is not null)
        {
            var key = cipher.ExportKey();
            try
            {
                await zip.AddAsync(ArchiveFormat.KeyEntry, new ArchiveKey(cipher.Stream, key).ToJson(), exportedAt, cancellationToken);
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
            }
        }

        var state = fold.State;
        await zip.AddAsync(ArchiveFormat.SnapshotEntry, SnapshotDocument.Of(state, fold.Head).ToJson(), exportedAt, cancellationToken);
        await zip.AddAsync(ArchiveFormat.JournalEntry, JournalMarkdown.Render(state), exportedAt, cancellationToken);
        await zip.AddAsync(ArchiveFormat.MemoriesEntry, MemoriesMarkdown.Render(state), exportedAt, cancellationToken);
        await zip.AddAsync(ArchiveFormat.LookbackEntry, ArchiveLookback.Markdown(state), exportedAt, cancellationToken);
        await zip.AddAsync(ArchiveFormat.MoodsChartEntry, ArchiveLookback.Chart(state), exportedAt, cancellationToken);
        foreach (var companion in state.Companions.Values)
        {
            var v2 = Cards.CharacterCardWriter.Render(companion);
            var v3 = Cards.CharacterCardWriter.Render(companion, Cards.CardSpec.V3);
            await zip.AddAsync(ArchiveFormat.CardEntry(companion.Id), v2, exportedAt, cancellationToken);
            await zip.AddAsync(ArchiveFormat.CardV3Entry(companion.Id), v3, exportedAt, cancellationToken);
            var picture = transcripts.Pictures.Of(companion.Id);
            await zip.AddAsync(ArchiveFormat.CardPngEntry(companion.Id), Cards.PngCardWriter.Write(v2, v3, companion.Id, picture?.Bytes), exportedAt, cancellationToken);
            if (picture is { } kept)
            {
                await zip.AddAsync(ArchiveFormat.PictureEntry(companion.Id, kept.MediaType), kept.Bytes, exportedAt, cancellationToken);
            }
        }

        foreach (var (companionId, sessionId, open) in transcripts.Transcripts)
        {
            await CopyAsync(zip, ArchiveFormat.TranscriptEntry(companionId, sessionId), open, exportedAt, cancellationToken);
        }

        foreach (var (companionId, sessionId, open) in transcripts.Chats)
        {
            await CopyAsync(zip, ArchiveFormat.ChatEntry(companionId, sessionId), open, exportedAt, cancellationToken);
        }

        var manifest = new ArchiveManifest(
            ArchiveFormat.Name, ArchiveFormat.Version, fold.UserId ?? "", fold.Head.Version, fold.Head.Hash, fold.Counts,
            fold.FirstEventAt ?? exportedAt, fold.LastEventAt ?? exportedAt, exportedAt, Producer);
        await zip.AddAsync(ArchiveFormat.ManifestEntry, manifest.ToJson(), exportedAt, cancellationToken);
        await zip.FinishAsync(cancellationToken);
        return manifest;
    }

    private static async Task WriteEventsAsync(
        ZipEntryWriter entry, IAsyncEnumerable<EventEnvelope> envelopes, HistoryFold fold, TranscriptPipeline transcripts, CancellationToken cancellationToken)
    {
        const int FlushAt = 1 << 16;
        var lines = new ArrayBufferWriter<byte>(FlushAt + 4096);
        await using var json = new Utf8JsonWriter(lines);
        await foreach (var envelope in envelopes.WithCancellation(cancellationToken))
        {
            Domain.Events.UserEvent @event;
            try
            {
                @event = fold.Add(envelope)
                    ?? throw new StreamDamagedException(envelope.Stream, envelope.Version, $"version {envelope.Version}: the payload is encrypted and the writer was given no key to read it.");
            }
            catch (StreamDamagedException e)
            {
                throw new InvalidDataException($"The history of '{envelope.Stream}' cannot be exported: {e.Reason}", e);
            }

            json.Reset(lines);
            EnvelopeJson.Write(json, envelope);
            json.Flush();
            lines.Write("\n"u8);
            if (lines.WrittenCount >= FlushAt)
            {
                await entry.WriteAsync(lines.WrittenMemory, cancellationToken);
                lines.ResetWrittenCount();
            }

            await transcripts.PostAsync(@event, fold.State, cancellationToken);
        }

        await entry.WriteAsync(lines.WrittenMemory, cancellationToken);

        if (fold.Head.Version == 0)
        {
            throw new InvalidDataException("There are no events to export.");
        }
    }

    private static async Task CopyAsync(ZipStreamWriter zip, string name, Func<Stream> open, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entry = zip.OpenEntry(name, at);
        await using (var file = open())
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                int read;
                while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await entry.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }

        await entry.CloseAsync(cancellationToken);
    }
}
