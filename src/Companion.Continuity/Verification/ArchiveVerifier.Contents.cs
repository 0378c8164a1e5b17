using Companion.Continuity.Rendering;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;

namespace Companion.Continuity.Verification;

public sealed partial class ArchiveVerifier
{
    private async Task<ArchiveManifest?> ReadManifestAsync(CheckedZip zip, List<ArchiveProblem> problems, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(ArchiveFormat.ManifestEntry) ?? throw new InvalidDataException("manifest.json vanished.");
        ArchiveManifest manifest;
        try
        {
            manifest = ArchiveManifest.Parse(await zip.ReadAllAsync(entry, cancellationToken));
        }
        catch (FormatException e)
        {
            problems.Add(new(ArchiveProblemKind.Malformed, e.Message));
            return null;
        }

        if (manifest.Format != ArchiveFormat.Name || manifest.FormatVersion != ArchiveFormat.Version)
        {
            problems.Add(new(ArchiveProblemKind.Malformed,
                $"manifest.json: format is '{manifest.Format}' version {manifest.FormatVersion}; this software reads '{ArchiveFormat.Name}' version {ArchiveFormat.Version}."));
            return null;
        }

        return manifest;
    }

    /// <summary>The user's key from key.json, when the archive has one; false when it is there and wrong.</summary>
    private async Task<(bool Ok, PayloadCipher? Cipher)> ReadKeyAsync(CheckedZip zip, ArchiveManifest manifest, List<ArchiveProblem> problems, CancellationToken cancellationToken)
    {
        if (zip.GetEntry(ArchiveFormat.KeyEntry) is not { } entry)
        {
            return (true, null);
        }

        ArchiveKey key;
        try
        {
            key = ArchiveKey.Parse(await zip.ReadAllAsync(entry, cancellationToken));
        }
        catch (FormatException e)
        {
            problems.Add(new(ArchiveProblemKind.Malformed, e.Message));
            return (false, null);
        }

        if (key.UserId != manifest.UserId)
        {
            problems.Add(new(ArchiveProblemKind.Mismatch, $"key.json: userId is '{key.UserId}', but manifest.json says '{manifest.UserId}'."));
            return (false, null);
        }

        return (true, new PayloadCipher(key.UserId, key.Key.Span));
    }

    private static void CompareManifest(ArchiveManifest manifest, HistoryFold fold, List<ArchiveProblem> problems)
    {
        void Differs(string field, object? claimed, object? found) =>
            problems.Add(new(ArchiveProblemKind.Mismatch, $"manifest.json: {field} is {claimed}, but events.jsonl says {found}."));

        if (manifest.UserId != fold.UserId)
        {
            Differs("userId", manifest.UserId, fold.UserId);
        }

        if (manifest.StreamVersion != fold.Head.Version)
        {
            Differs("streamVersion", manifest.StreamVersion, fold.Head.Version);
        }

        if (manifest.HeadHash != fold.Head.Hash)
        {
            Differs("headHash", manifest.HeadHash, fold.Head.Hash);
        }

        var counts = fold.Counts;
        foreach (var type in manifest.EventCounts.Keys.Union(counts.Keys).Order(StringComparer.Ordinal))
        {
            var claimed = manifest.EventCounts.GetValueOrDefault(type);
            var found = counts.GetValueOrDefault(type);
            if (claimed != found)
            {
                Differs($"eventCounts['{type}']", claimed, found);
            }
        }

        if (manifest.FirstEventAt != fold.FirstEventAt)
        {
            Differs("firstEventAt", EnvelopeJson.FormatTime(manifest.FirstEventAt), fold.FirstEventAt is { } first ? EnvelopeJson.FormatTime(first) : null);
        }

        if (manifest.LastEventAt != fold.LastEventAt)
        {
            Differs("lastEventAt", EnvelopeJson.FormatTime(manifest.LastEventAt), fold.LastEventAt is { } last ? EnvelopeJson.FormatTime(last) : null);
        }
    }

    private async Task CompareSnapshotAsync(
        CheckedZip zip, HistoryFold fold, string stateHash, List<ArchiveProblem> problems, List<string> notes, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(ArchiveFormat.SnapshotEntry) ?? throw new InvalidDataException("snapshot.json vanished.");
        SnapshotDocument snapshot;
        string? archivedHash = null;
        try
        {
            snapshot = SnapshotDocument.Parse(await zip.ReadAllAsync(entry, cancellationToken));
            if (snapshot.StateSchemaVersion == UserState.SchemaVersion)
            {
                archivedHash = UserStateJson.Hash(UserStateJson.Deserialize(snapshot.State.Span));
            }
            else
            {
                // The state's shape changes between releases; the events do not. Import replays them.
                notes.Add($"snapshot.json holds state schema {snapshot.StateSchemaVersion}, this software's is {UserState.SchemaVersion}: its state was not compared; the events were replayed instead.");
            }
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or NotSupportedException)
        {
            problems.Add(new(ArchiveProblemKind.Malformed, $"snapshot.json cannot be read: {e.Message}"));
            return;
        }

        if (snapshot.Version != fold.Head.Version)
        {
            problems.Add(new(ArchiveProblemKind.Mismatch, $"snapshot.json: version is {snapshot.Version}, but events.jsonl ends at version {fold.Head.Version}."));
        }

        if (snapshot.HeadHash != fold.Head.Hash)
        {
            problems.Add(new(ArchiveProblemKind.Mismatch, $"snapshot.json: headHash is {snapshot.HeadHash}, but events.jsonl ends at {fold.Head.Hash}."));
        }

        if (archivedHash is null)
        {
            return;
        }

        if (archivedHash != stateHash)
        {
            problems.Add(new(ArchiveProblemKind.Mismatch, $"snapshot.json: the state hashes to {archivedHash}, but replaying events.jsonl gives {stateHash}."));
        }
        else if (snapshot.StateHash != stateHash)
        {
            problems.Add(new(ArchiveProblemKind.Mismatch, $"snapshot.json: stateHash is {snapshot.StateHash}, but the state hashes to {stateHash}."));
        }
    }

    /// <summary>
    /// The entries must be exactly those the events call for, and, when this same software
    /// wrote them, the human-readable ones must say byte for byte what the events say. Another
    /// version may render them differently, so theirs are only checked for presence.
    /// </summary>
    private async Task CompareEntrySetAsync(
        CheckedZip zip, HistoryFold fold, TranscriptSpool transcripts, bool sameProducer,
        List<ArchiveProblem> problems, List<string> notes, CancellationToken cancellationToken)
    {
        if (!sameProducer)
        {
            notes.Add($"The archive was written by other software than {ArchiveWriter.Producer}: its cards, journal, memories and transcripts were checked for presence, not compared with the events.");
        }

        var expected = new Dictionary<string, Func<Stream>>(StringComparer.Ordinal)
        {
            [ArchiveFormat.JournalEntry] = () => new MemoryStream(JournalMarkdown.Render(fold.State)),
            [ArchiveFormat.MemoriesEntry] = () => new MemoryStream(MemoriesMarkdown.Render(fold.State)),
        };
        foreach (var companion in fold.State.Companions.Values)
        {
            expected[ArchiveFormat.CardEntry(companion.Id)] = () => new MemoryStream(Cards.CharacterCardWriter.Render(companion));
        }

        foreach (var (companionId, sessionId, open) in transcripts.Transcripts)
        {
            expected[ArchiveFormat.TranscriptEntry(companionId, sessionId)] = open;
        }

        // Pictures came with the events that set them, so an archive holds one exactly when its events do.
        foreach (var companion in fold.State.Companions.Values)
        {
            if (transcripts.Pictures.Of(companion.Id) is { } picture)
            {
                expected[ArchiveFormat.PictureEntry(companion.Id, picture.MediaType)] = () => new MemoryStream(picture.Bytes);
            }
        }

        // Archives from before V3 and PNG cards have none; when any is there, every companion's must be.
        if (zip.Entries.Any(e => ArchiveFormat.IsLaterCardEntry(e.FullName)))
        {
            foreach (var companion in fold.State.Companions.Values)
            {
                expected[ArchiveFormat.CardV3Entry(companion.Id)] = () => new MemoryStream(Cards.CharacterCardWriter.Render(companion, Cards.CardSpec.V3));
                var picture = transcripts.Pictures.Of(companion.Id);
                expected[ArchiveFormat.CardPngEntry(companion.Id)] = () => new MemoryStream(Cards.PngCardWriter.Write(
                    Cards.CharacterCardWriter.Render(companion), Cards.CharacterCardWriter.Render(companion, Cards.CardSpec.V3), companion.Id, picture?.Bytes));
            }
        }
        else if (!fold.State.Companions.IsEmpty)
        {
            notes.Add("The archive has no V3 or PNG cards: it was written before archives held them.");
        }

        // Archives from before sessions were also written as SillyTavern chats have none; when any
        // is there, every session's must be, saying what the events say.
        if (zip.Entries.Any(e => ArchiveFormat.IsChatEntry(e.FullName)))
        {
            foreach (var (companionId, sessionId, open) in transcripts.Chats)
            {
                expected[ArchiveFormat.ChatEntry(companionId, sessionId)] = open;
            }
        }
        else if (transcripts.Chats.Any())
        {
            notes.Add("The archive has no conversations/<companion>/<session>.jsonl: it was written before archives held sessions as SillyTavern chats.");
        }

        // Archives from before the look-back lack it; when one is there, it must say what the events say.
        var later = new Dictionary<string, Func<Stream>>(StringComparer.Ordinal)
        {
            [ArchiveFormat.LookbackEntry] = () => new MemoryStream(ArchiveLookback.Markdown(fold.State)),
            [ArchiveFormat.MoodsChartEntry] = () => new MemoryStream(ArchiveLookback.Chart(fold.State)),
        };
        foreach (var (name, open) in later)
        {
            if (zip.GetEntry(name) is not null)
            {
                expected[name] = open;
            }
            else
            {
                notes.Add($"The archive has no '{name}': it was written before archives held the look-back.");
            }
        }

        foreach (var entry in zip.Entries.Where(e => ArchiveFormat.IsPerCompanionEntry(e.FullName) && !expected.ContainsKey(e.FullName)))
        {
            problems.Add(new(ArchiveProblemKind.UnexpectedEntry, $"Entry '{entry.FullName}' names a companion or session that events.jsonl does not hold."));
        }

        foreach (var (name, open) in expected)
        {
            if (zip.GetEntry(name) is not { } entry)
            {
                problems.Add(new(ArchiveProblemKind.MissingEntry, $"The archive has no '{name}', which events.jsonl calls for."));
                continue;
            }

            if (!sameProducer)
            {
                continue;
            }

            await using var archived = await zip.OpenAsync(entry, cancellationToken);
            await using var rendered = open();
            if (!await SameBytesAsync(archived, rendered, cancellationToken))
            {
                problems.Add(new(ArchiveProblemKind.Mismatch, $"Entry '{name}' does not say what events.jsonl says; it was changed after export."));
            }
        }
    }

    private static async Task<bool> SameBytesAsync(Stream a, Stream b, CancellationToken cancellationToken)
    {
        var left = new byte[1 << 14];
        var right = new byte[1 << 14];
        while (true)
        {
            var read = await a.ReadAtLeastAsync(left, left.Length, throwOnEndOfStream: false, cancellationToken);
            var other = await b.ReadAtLeastAsync(right, right.Length, throwOnEndOfStream: false, cancellationToken);
            if (read != other || !left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, other)))
            {
                return false;
            }

            if (read == 0)
            {
                return true;
            }
        }
    }
}
