using System.Text;
using Companion.Continuity.Verification;
using Companion.EventLog;

namespace Companion.Continuity.Tests;

public sealed class ArchiveRefusalTests
{
    private readonly History _history = History.Sample();

    private Task<byte[]> ArchiveAsync() => Archives.WriteAsync(_history.Envelopes);

    private static async Task<ArchiveProblem> SingleProblemAsync(byte[] archive, ArchiveProblemKind kind, ArchiveLimits? limits = null)
    {
        var verification = await Archives.VerifyAsync(archive, limits);
        Assert.False(verification.IsValid);
        var problem = Assert.Single(verification.Problems);
        Assert.Equal(kind, problem.Kind);
        return problem;
    }

    [Fact]
    public async Task Verify_refuses_an_archive_with_one_byte_flipped_in_a_payload()
    {
        var archive = Archives.RewriteLines(await ArchiveAsync(), lines =>
        {
            lines[3] = lines[3].Replace("People always leave.", "People always leavE.");
            return lines;
        });

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.BrokenHistory);

        Assert.StartsWith("events.jsonl line 4: Version 4: hash is " + _history.Envelopes[3].Hash + ", but its contents hash to ", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_an_archive_with_a_line_dropped()
    {
        var archive = Archives.RewriteLines(await ArchiveAsync(), lines =>
        {
            lines.RemoveAt(4);
            return lines;
        });

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.BrokenHistory);

        Assert.Equal("events.jsonl line 5: Expected version 5, found 6.", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_an_archive_with_two_lines_swapped()
    {
        var archive = Archives.RewriteLines(await ArchiveAsync(), lines =>
        {
            (lines[2], lines[3]) = (lines[3], lines[2]);
            return lines;
        });

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.BrokenHistory);

        Assert.Equal("events.jsonl line 3: Expected version 3, found 4.", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_an_archive_whose_last_events_were_cut_off()
    {
        var archive = Archives.RewriteLines(await ArchiveAsync(), lines => lines[..^2]);

        var verification = await Archives.VerifyAsync(archive);

        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Message == $"manifest.json: streamVersion is {_history.Envelopes.Count}, but events.jsonl says {_history.Envelopes.Count - 2}.");
    }

    [Fact]
    public async Task Verify_refuses_a_line_that_is_not_an_envelope()
    {
        var archive = Archives.RewriteLines(await ArchiveAsync(), lines =>
        {
            lines[1] = "{\"version\": 2";
            return lines;
        });

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.Malformed);

        Assert.StartsWith("events.jsonl line 2: Not a valid envelope", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_an_event_type_this_software_does_not_know()
    {
        var last = _history.Envelopes[^1];
        var alien = EnvelopeChain.Seal(_history.UserId, new StreamHead(last.Version, last.Hash),
            [new EventData("alien-landed", 1, last.OccurredAt, null, "{\"where\":\"garden\"}"u8.ToArray())])[0];
        var archive = Archives.RewriteLines(await ArchiveAsync(), lines => [.. lines, Line(alien)]);

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.BrokenHistory);

        Assert.Equal($"events.jsonl line {alien.Version}: version {alien.Version}: Unknown event type 'alien-landed' schema version 1: this software cannot read it, and will not skip it.", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_a_manifest_with_the_wrong_head_hash()
    {
        var archive = Archives.RewriteText(await ArchiveAsync(), ArchiveFormat.ManifestEntry,
            text => text.Replace(_history.Envelopes[^1].Hash, new string('a', 64)));

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.Mismatch);

        Assert.Equal($"manifest.json: headHash is {new string('a', 64)}, but events.jsonl says {_history.Envelopes[^1].Hash}.", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_a_manifest_with_the_wrong_counts()
    {
        var archive = Archives.RewriteText(await ArchiveAsync(), ArchiveFormat.ManifestEntry,
            text => text.Replace("\"journal-entry-written\": 2", "\"journal-entry-written\": 5"));

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.Mismatch);

        Assert.Equal("manifest.json: eventCounts['journal-entry-written'] is 5, but events.jsonl says 2.", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_a_manifest_of_another_format_version()
    {
        var archive = Archives.RewriteText(await ArchiveAsync(), ArchiveFormat.ManifestEntry,
            text => text.Replace("\"formatVersion\": 1", "\"formatVersion\": 9"));

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.Malformed);

        Assert.Contains("version 9; this software reads 'companion-continuity' version 1", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_a_snapshot_whose_state_is_not_the_replay_of_the_events()
    {
        var archive = Archives.RewriteText(await ArchiveAsync(), ArchiveFormat.SnapshotEntry, text => text.Replace("\"displayName\":\"Robin\"", "\"displayName\":\"Mallory\""));

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.Mismatch);

        Assert.StartsWith("snapshot.json: the state hashes to ", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_a_journal_edited_after_export()
    {
        var archive = Archives.RewriteText(await ArchiveAsync(), ArchiveFormat.JournalEntry, text => text.Replace("A quiet day.", "A loud day."));

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.Mismatch);

        Assert.Equal("Entry 'journal.md' does not say what events.jsonl says; it was changed after export.", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_an_extra_entry()
    {
        var archive = Archives.Rewrite(await ArchiveAsync(), (_, content) => content, ("notes.txt", "hello"u8.ToArray()));

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.UnexpectedEntry);

        Assert.StartsWith("Entry 'notes.txt' is not part of a companion-continuity archive", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_an_archive_with_an_entry_twice()
    {
        var archive = Archives.Rewrite(await ArchiveAsync(), (_, content) => content, (ArchiveFormat.EventsEntry, "{}"u8.ToArray()));

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.UnexpectedEntry);

        Assert.Equal("Entry 'events.jsonl' appears more than once.", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_a_card_for_a_companion_the_events_never_created()
    {
        var archive = Archives.Rewrite(await ArchiveAsync(), (_, content) => content, ("companions/c_stranger1.card.json", "{}"u8.ToArray()));

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.UnexpectedEntry);

        Assert.Equal("Entry 'companions/c_stranger1.card.json' names a companion or session that events.jsonl does not hold.", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_an_archive_missing_a_transcript()
    {
        var archive = Archives.Rewrite(await ArchiveAsync(), (name, content) => name.StartsWith("conversations/", StringComparison.Ordinal) ? null : content);

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.MissingEntry);

        Assert.Equal("The archive has no 'conversations/c_sol00001/s_first001.md', which events.jsonl calls for.", problem.Message);
    }

    [Theory]
    [InlineData("../evil", "climbs out of the archive ('..')")]
    [InlineData("conversations/../../evil.md", "climbs out of the archive ('..')")]
    [InlineData("/etc/evil", "is an absolute path")]
    [InlineData("C:/evil", "names a drive or stream (':')")]
    [InlineData("conversations\\evil.md", "contains a backslash")]
    [InlineData("conversations/", "is a directory")]
    public async Task Verify_refuses_an_entry_name_that_escapes_the_archive(string name, string why)
    {
        var archive = Archives.Rewrite(await ArchiveAsync(), (_, content) => content, (name, "evil"u8.ToArray()));

        var problem = await SingleProblemAsync(archive, ArchiveProblemKind.UnsafeEntry);

        Assert.Equal($"Entry '{name}' {why}; refusing it.", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_events_larger_than_the_configured_limit()
    {
        var problem = await SingleProblemAsync(await ArchiveAsync(), ArchiveProblemKind.TooLarge, new ArchiveLimits { MaxEventsBytes = 1024 });

        Assert.StartsWith("Entry 'events.jsonl' expands to ", problem.Message);
        Assert.EndsWith("the limit is 1024.", problem.Message);
    }

    [Fact]
    public async Task Verify_refuses_something_that_is_not_a_zip()
    {
        var problem = await SingleProblemAsync(Encoding.UTF8.GetBytes("just some text"), ArchiveProblemKind.NotAnArchive);

        Assert.StartsWith("This is not a zip archive", problem.Message);
    }

    private static string Line(EventEnvelope envelope)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            EnvelopeJson.Write(writer, envelope);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
