using Companion.Continuity.Verification;
using Companion.EventLog;
using Companion.Testing.Storage;

namespace Companion.Continuity.Tests;

public sealed class ArchiveRoundTripTests
{
    [Fact]
    public async Task An_archive_written_from_the_event_log_verifies_and_names_its_head()
    {
        var history = History.Sample();
        var log = new InMemoryEventLog();
        await log.AppendAsync(history.UserId, 0, history.Envelopes);

        using var buffer = new MemoryStream();
        var manifest = await new ArchiveWriter(History.Registry).WriteAsync(buffer, log.ReadAsync(history.UserId));
        var verification = await Archives.VerifyAsync(buffer.ToArray());

        Assert.True(verification.IsValid, verification.Describe());
        var head = await log.GetHeadAsync(history.UserId);
        Assert.Equal(head.Version, verification.Summary!.Version);
        Assert.Equal(head.Hash, verification.Summary.HeadHash);
        Assert.Equal(head.Hash, manifest.HeadHash);
        Assert.Equal(history.UserId, manifest.UserId);
        Assert.Equal(4, manifest.EventCounts["message-recorded"]);
        Assert.Equal(2, manifest.EventCounts["journal-entry-written"]);
        Assert.Equal(history.Envelopes[0].OccurredAt, manifest.FirstEventAt);
        Assert.Equal(history.Envelopes[^1].OccurredAt, manifest.LastEventAt);
        Assert.Equal(new ArchivedCompanion("c_sol00001", "Sol"), Assert.Single(verification.Summary.Companions));
    }

    [Fact]
    public async Task The_archive_holds_exactly_the_expected_entries()
    {
        var archive = await Archives.WriteAsync(History.Sample().Envelopes);

        Assert.Equal(
            ["companions/c_sol00001.card.json", "companions/c_sol00001.card.png", "companions/c_sol00001.card.v3.json", "conversations/c_sol00001/s_first001.jsonl", "conversations/c_sol00001/s_first001.md", "events.jsonl", "journal.md", "lookback.md", "manifest.json", "memories.md", "moods.svg", "snapshot.json"],
            Archives.Entries(archive).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reading_the_events_back_gives_the_same_envelopes_byte_for_byte()
    {
        var history = History.Sample();
        var archive = await Archives.WriteAsync(history.Envelopes);

        var read = await ArchiveReader.ReadEventsAsync(new MemoryStream(archive)).ToListAsync();

        Assert.Equal(history.Envelopes.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal(history.Envelopes[i].Hash, read[i].Hash);
            Assert.Equal(history.Envelopes[i].Payload.ToArray(), read[i].Payload.ToArray());
            Assert.Null(EnvelopeChain.CheckLink(i, i == 0 ? EnvelopeChain.GenesisHash : read[i - 1].Hash, read[i]));
        }
    }

    [Fact]
    public async Task Events_jsonl_has_one_envelope_line_per_event_with_its_hashes()
    {
        var history = History.Sample();
        var lines = Archives.Text(await Archives.WriteAsync(history.Envelopes), ArchiveFormat.EventsEntry).TrimEnd('\n').Split('\n');

        Assert.Equal(history.Envelopes.Count, lines.Length);
        Assert.Contains($"\"previousHash\":\"{EnvelopeChain.GenesisHash}\"", lines[0]);
        Assert.Contains($"\"hash\":\"{history.Envelopes[^1].Hash}\"", lines[^1]);
    }

    [Fact]
    public async Task The_writer_streams_to_a_destination_that_cannot_seek_and_takes_only_asynchronous_writes()
    {
        var history = History.Sample();
        using var buffer = new MemoryStream();
        var forwardOnly = new ForwardOnlyStream(buffer);

        await new ArchiveWriter(History.Registry).WriteAsync(forwardOnly, history.Envelopes.ToAsyncEnumerable());
        var verification = await new ArchiveVerifier(History.Registry).VerifyAsync(new ForwardOnlyReadStream(buffer.ToArray()));

        Assert.True(verification.IsValid, verification.Describe());
    }

    [Fact]
    public async Task The_writer_refuses_a_history_whose_chain_is_broken()
    {
        var envelopes = History.Sample().Envelopes.ToList();
        envelopes[3] = envelopes[3] with { Payload = "{}"u8.ToArray() };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Archives.WriteAsync(envelopes));

        Assert.Contains("Version 4", error.Message);
    }

    [Fact]
    public async Task The_writer_refuses_an_empty_history()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => Archives.WriteAsync([]));
    }

    [Fact]
    public async Task Verification_reports_progress_through_the_events()
    {
        var archive = await Archives.WriteAsync(History.Sample().Envelopes);
        var reports = new List<ArchiveProgress>();

        await new ArchiveVerifier(History.Registry).VerifyAsync(new MemoryStream(archive), new SynchronousProgress(reports.Add));

        Assert.Equal(History.Sample().Envelopes.Count, reports[^1].Events);
        Assert.Equal(reports[^1].TotalBytes, reports[^1].Bytes);
    }

    private sealed class SynchronousProgress(Action<ArchiveProgress> report) : IProgress<ArchiveProgress>
    {
        public void Report(ArchiveProgress value) => report(value);
    }
}
