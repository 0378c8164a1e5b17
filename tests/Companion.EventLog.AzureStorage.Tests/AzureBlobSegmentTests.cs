using Azure.Core;
using Azure.Storage.Blobs.Specialized;
using Companion.EventLog.Tests.Conformance;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.AzureStorage.Tests;

public sealed class AzureBlobSegmentTests : IAsyncLifetime
{
    private readonly AzureBlobEventLogFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Appends_roll_to_a_new_segment_at_the_block_limit_and_reads_cross_segments()
    {
        var log = await _fixture.OpenAsync(o => o.MaxBlocksPerSegment = 3);
        var written = new List<EventEnvelope>();
        for (var batch = 0; batch < 10; batch++)
        {
            var head = await log.GetHeadAsync("user-1");
            var envelopes = Seal("user-1", head, batch % 2 == 0 ? [batch * 10] : [batch * 10, batch * 10 + 1]);
            await log.AppendAsync("user-1", head.Version, envelopes);
            written.AddRange(envelopes);
        }

        var segments = await SegmentNamesAsync("user-1");
        var reader = await _fixture.OpenAsync();
        var stored = await ReadAllAsync(reader, "user-1");

        Assert.Equal(4, segments.Count);
        foreach (var name in segments)
        {
            var properties = (await _fixture.Container.GetAppendBlobClient(name).GetPropertiesAsync()).Value;
            Assert.InRange(properties.BlobCommittedBlockCount, 1, 3);
        }

        Assert.Equal(written.Select(e => e.Hash), stored.Select(e => e.Hash));
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, stored));
        Assert.Equal(written.Skip(11).Select(e => e.Hash), (await ReadAllAsync(reader, "user-1", 12)).Select(e => e.Hash));
        Assert.Equal(new StreamHead(15, written[^1].Hash), await reader.GetHeadAsync("user-1"));
    }

    [Fact]
    public async Task An_append_at_the_position_this_log_last_saw_is_one_request()
    {
        await _fixture.OpenAsync();
        var requests = new RequestCountingPolicy();
        var log = new AzureBlobEventLog(
            new AzureBlobEventLogOptions { ConnectionString = _fixture.ConnectionString, ContainerName = _fixture.ContainerName },
            client => client.AddPolicy(requests, HttpPipelinePosition.PerRetry));
        var head = StreamHead.Empty;
        var envelopes = Seal("user-1", head, 1);
        await log.AppendAsync("user-1", 0, envelopes);
        head = new StreamHead(1, envelopes[^1].Hash);

        var before = requests.Count;
        for (var n = 2; n <= 11; n++)
        {
            envelopes = Seal("user-1", head, n);
            await log.AppendAsync("user-1", head.Version, envelopes);
            head = new StreamHead(n, envelopes[^1].Hash);
        }

        Assert.Equal(10, requests.Count - before);
        Assert.Equal(head, await (await _fixture.OpenAsync()).GetHeadAsync("user-1"));
    }

    [Fact]
    public async Task A_segment_sealed_by_a_roll_over_caches_the_head_it_ends_with()
    {
        var log = await _fixture.OpenAsync(o => o.MaxBlocksPerSegment = 2);
        for (var n = 1; n <= 5; n++)
        {
            var head = await log.GetHeadAsync("user-1");
            await log.AppendAsync("user-1", head.Version, Seal("user-1", head, n));
        }

        var segments = await SegmentNamesAsync("user-1");
        var stored = await ReadAllAsync(log, "user-1");

        Assert.Equal(3, segments.Count);
        for (var i = 0; i < 2; i++)
        {
            var properties = (await _fixture.Container.GetAppendBlobClient(segments[i]).GetPropertiesAsync()).Value;
            Assert.True(properties.IsSealed);
            Assert.True(HeadMetadata.TryRead(properties.Metadata, properties.ContentLength, out var cached, out var blocks, out _));
            Assert.Equal(new StreamHead(stored[(2 * i) + 1].Version, stored[(2 * i) + 1].Hash), cached);
            Assert.Equal(2, blocks);
        }

        Assert.Equal([4L, 5], (await ReadAllAsync(await _fixture.OpenAsync(), "user-1", 4)).Select(e => e.Version));
    }

    [Fact]
    public async Task A_stale_writer_gets_a_conflict_and_the_segment_is_unchanged()
    {
        var writer = await _fixture.OpenAsync();
        var stale = await _fixture.OpenAsync();
        var first = Seal("user-1", StreamHead.Empty, 1, 2);
        await writer.AppendAsync("user-1", 0, first);
        var staleHead = await stale.GetHeadAsync("user-1");
        await writer.AppendAsync("user-1", 2, Seal("user-1", new StreamHead(2, first[^1].Hash), 3));
        var before = await SegmentBytesAsync("user-1");

        var conflict = await Assert.ThrowsAsync<EventLogConflictException>(() =>
            stale.AppendAsync("user-1", staleHead.Version, Seal("user-1", staleHead, 99)));

        Assert.Equal(2, conflict.ExpectedVersion);
        Assert.Equal(3, conflict.ActualVersion);
        Assert.Equal(before, await SegmentBytesAsync("user-1"));
    }

    [Fact]
    public async Task A_stale_writer_aimed_at_a_segment_sealed_by_a_roll_over_gets_a_conflict_not_a_fork()
    {
        var writer = await _fixture.OpenAsync(o => o.MaxBlocksPerSegment = 2);
        var stale = await _fixture.OpenAsync(o => o.MaxBlocksPerSegment = 2);
        await writer.AppendAsync("user-1", 0, Seal("user-1", StreamHead.Empty, 1));
        var staleHead = await stale.GetHeadAsync("user-1");
        for (var n = 2; n <= 4; n++)
        {
            var head = await writer.GetHeadAsync("user-1");
            await writer.AppendAsync("user-1", head.Version, Seal("user-1", head, n));
        }

        var before = await SegmentBytesAsync("user-1");

        await Assert.ThrowsAsync<EventLogConflictException>(() =>
            stale.AppendAsync("user-1", staleHead.Version, Seal("user-1", staleHead, 99)));

        var stored = await ReadAllAsync(stale, "user-1");
        Assert.Equal(before, await SegmentBytesAsync("user-1"));
        Assert.Equal(2, (await SegmentNamesAsync("user-1")).Count);
        Assert.Equal([1L, 2, 3, 4], stored.Select(e => e.Version));
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, stored));
    }

    [Fact]
    public async Task A_fresh_instance_finds_the_head_and_continues_the_stream()
    {
        var first = await _fixture.OpenAsync();
        var written = Seal("user-1", StreamHead.Empty, 1, 2, 3);
        await first.AppendAsync("user-1", 0, written);

        var reopened = await _fixture.OpenAsync();
        var head = await reopened.GetHeadAsync("user-1");
        await reopened.AppendAsync("user-1", 3, Seal("user-1", head, 4));

        Assert.Equal(new StreamHead(3, written[^1].Hash), head);
        var stored = await ReadAllAsync(reopened, "user-1");
        Assert.Equal(4, stored.Count);
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, stored));
    }

    [Fact]
    public async Task A_retried_append_whose_first_attempt_was_stored_succeeds_without_writing_twice()
    {
        var log = await _fixture.OpenAsync();
        var envelopes = Seal("user-1", StreamHead.Empty, 1, 2);
        await log.AppendAsync("user-1", 0, envelopes);

        var retried = await (await _fixture.OpenAsync()).AppendAsync("user-1", 0, envelopes);

        Assert.Equal(2, retried);
        Assert.Equal([1L, 2], (await ReadAllAsync(log, "user-1")).Select(e => e.Version));
    }

    [Fact]
    public async Task A_batch_larger_than_one_append_block_is_refused_and_nothing_is_written()
    {
        var log = await _fixture.OpenAsync(o => o.MaxBlockBytes = 1024);
        var big = new EventData("test-happened", 1, DateTimeOffset.UnixEpoch, null, System.Text.Encoding.UTF8.GetBytes($$"""{"text":"{{new string('x', 2000)}}"}"""));

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("user-1", 0, EnvelopeChain.Seal("user-1", StreamHead.Empty, [big])));

        Assert.Empty(await ReadAllAsync(log, "user-1"));
        Assert.Empty(await SegmentNamesAsync("user-1"));
    }

    private async Task<List<string>> SegmentNamesAsync(string stream)
    {
        var names = new List<string>();
        await foreach (var item in _fixture.Container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = BlobNames.StreamPrefix(stream) }))
        {
            names.Add(item.Name);
        }

        return names;
    }

    private async Task<List<byte[]>> SegmentBytesAsync(string stream)
    {
        var contents = new List<byte[]>();
        foreach (var name in await SegmentNamesAsync(stream))
        {
            contents.Add((await _fixture.Container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray());
        }

        return contents;
    }

    internal static async Task<List<EventEnvelope>> ReadAllAsync(IEventLog log, string stream, long fromVersion = 1)
    {
        var envelopes = new List<EventEnvelope>();
        await foreach (var envelope in log.ReadAsync(stream, fromVersion))
        {
            envelopes.Add(envelope);
        }

        return envelopes;
    }
}
