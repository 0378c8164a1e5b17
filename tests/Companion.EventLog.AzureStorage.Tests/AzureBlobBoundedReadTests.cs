using Azure.Core;
using Azure.Storage.Blobs.Specialized;
using static Companion.EventLog.AzureStorage.Tests.AzureBlobSegmentTests;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>
/// A head read and a read from a version near the head cost a bounded number of requests and
/// bytes whatever the segment's length, and stay exact when the cached head lags or is missing.
/// </summary>
public sealed class AzureBlobBoundedReadTests : IAsyncLifetime
{
    private readonly AzureBlobEventLogFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Reading_after_the_head_of_a_segment_whose_cached_head_lags_by_many_blocks_downloads_only_its_tail()
    {
        var written = await AppendBlocksAsync("user-1", 300, version => 600);
        await ForgetCachedHeadAsync("user-1", 1);
        var requests = new RequestCountingPolicy();
        var log = Counted(requests);
        var segmentBytes = (await _fixture.Container.GetBlobClient(BlobNames.Segment("user-1", 1)).GetPropertiesAsync()).Value.ContentLength;

        var head = await log.GetHeadAsync("user-1");
        var afterHead = await ReadAllAsync(log, "user-1", 301);
        var lastTwo = await ReadAllAsync(log, "user-1", 299);

        Assert.Equal(new StreamHead(300, written[^1].Hash), head);
        Assert.Empty(afterHead);
        Assert.Equal(written.Skip(298).Select(e => e.Hash), lastTwo.Select(e => e.Hash));
        Assert.True(segmentBytes > 10 * 16 * 1024, $"the segment is only {segmentBytes} bytes");
        Assert.InRange(requests.Count, 1, 8);
        Assert.InRange(requests.ResponseBytes, 1, 4 * 16 * 1024);
    }

    [Fact]
    public async Task Reading_from_any_version_of_a_long_segment_returns_exactly_the_envelopes_from_there()
    {
        // Every tenth line is longer than a probe and than the first tail window.
        var written = await AppendBlocksAsync("user-1", 200, version => version % 10 == 0 ? 40_000 : 300);
        var withLaggingCache = await _fixture.OpenAsync();
        await ForgetCachedHeadAsync("user-1", 1);
        var withoutCache = await _fixture.OpenAsync();

        foreach (var from in new long[] { 1, 2, 9, 10, 11, 64, 65, 100, 137, 190, 199, 200, 201 })
        {
            var expected = written.Where(e => e.Version >= from).Select(e => e.Hash).ToList();
            Assert.Equal(expected, (await ReadAllAsync(withoutCache, "user-1", from)).Select(e => e.Hash));
        }

        Assert.Equal(written.Skip(99).Select(e => e.Hash), (await ReadAllAsync(withLaggingCache, "user-1", 100)).Select(e => e.Hash));
    }

    [Fact]
    public async Task A_last_line_longer_than_the_first_tail_window_is_the_head_and_reads_whole()
    {
        var small = await AppendBlocksAsync("user-1", 5, version => 200);
        var head = await (await _fixture.OpenAsync()).GetHeadAsync("user-1");
        var big = BigSeal("user-1", head, 100_000);
        await (await _fixture.OpenAsync()).AppendAsync("user-1", 5, big);
        await ForgetCachedHeadAsync("user-1", 1);
        var reader = await _fixture.OpenAsync();

        var readHead = await reader.GetHeadAsync("user-1");
        var fromBig = await ReadAllAsync(reader, "user-1", 6);
        var fromBefore = await ReadAllAsync(reader, "user-1", 5);

        Assert.Equal(new StreamHead(6, big[0].Hash), readHead);
        Assert.Equal([big[0].Hash], fromBig.Select(e => e.Hash));
        Assert.Equal([small[^1].Hash, big[0].Hash], fromBefore.Select(e => e.Hash));
        Assert.Equal(big[0].Payload.ToArray(), fromBig[0].Payload.ToArray());
    }

    [Fact]
    public async Task A_sealed_segment_followed_by_an_empty_new_one_gives_the_head_and_reads_from_the_sealed_one()
    {
        var written = await AppendBlocksAsync("user-1", 4, version => 200);
        var sealedSegment = _fixture.Container.GetAppendBlobClient(BlobNames.Segment("user-1", 1));
        var properties = (await sealedSegment.GetPropertiesAsync()).Value;
        var metadata = HeadMetadata.Write(new StreamHead(4, written[^1].Hash), properties.ContentLength, properties.BlobCommittedBlockCount, properties.LastModified);
        await sealedSegment.SetMetadataAsync(metadata);
        await sealedSegment.SealAsync();
        await _fixture.Container.GetAppendBlobClient(BlobNames.Segment("user-1", 2)).CreateAsync(new Azure.Storage.Blobs.Models.AppendBlobCreateOptions());
        var log = await _fixture.OpenAsync();

        var head = await log.GetHeadAsync("user-1");
        var afterHead = await ReadAllAsync(log, "user-1", 5);
        var fromFour = await ReadAllAsync(log, "user-1", 4);
        var next = Seal("user-1", head, 5);
        await log.AppendAsync("user-1", 4, next);

        Assert.Equal(new StreamHead(4, written[^1].Hash), head);
        Assert.Empty(afterHead);
        Assert.Equal([written[^1].Hash], fromFour.Select(e => e.Hash));
        Assert.Equal([next[0].Hash], (await ReadAllAsync(await _fixture.OpenAsync(), "user-1", 5)).Select(e => e.Hash));
        Assert.Equal([3L, 4, 5], (await ReadAllAsync(await _fixture.OpenAsync(), "user-1", 3)).Select(e => e.Version));
    }

    [Fact]
    public async Task Listing_streams_whose_cached_heads_lag_gives_every_head_in_order()
    {
        var heads = new Dictionary<string, string>();
        for (var i = 0; i < 40; i++)
        {
            var stream = $"user-{i:D2}";
            heads[stream] = (await AppendBlocksAsync(stream, 1 + (i % 3), version => 100))[^1].Hash;
        }

        var log = await _fixture.OpenAsync();
        var listed = new List<StreamInfo>();
        await foreach (var info in log.ListStreamsAsync(limit: 1000))
        {
            listed.Add(info);
        }

        var page = new List<StreamInfo>();
        await foreach (var info in log.ListStreamsAsync(after: "user-10", limit: 5))
        {
            page.Add(info);
        }

        Assert.Equal(heads.Keys.Order(StringComparer.Ordinal), listed.Select(s => s.Stream));
        Assert.All(listed, s => Assert.Equal(heads[s.Stream], s.HeadHash));
        Assert.Equal(["user-11", "user-12", "user-13", "user-14", "user-15"], page.Select(s => s.Stream));
    }

    private AzureBlobEventLog Counted(RequestCountingPolicy requests) => new(
        new AzureBlobEventLogOptions { ConnectionString = _fixture.ConnectionString, ContainerName = _fixture.ContainerName },
        client => client.AddPolicy(requests, HttpPipelinePosition.PerRetry));

    /// <summary>One envelope per append block, as a user's appends arrive, each with a payload of about the given size.</summary>
    private async Task<List<EventEnvelope>> AppendBlocksAsync(string stream, int count, Func<long, int> payloadBytes)
    {
        var log = await _fixture.OpenAsync();
        var head = await log.GetHeadAsync(stream);
        var written = new List<EventEnvelope>();
        for (var i = 0; i < count; i++)
        {
            var envelopes = BigSeal(stream, head, payloadBytes(head.Version + 1));
            await log.AppendAsync(stream, head.Version, envelopes);
            written.AddRange(envelopes);
            head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
        }

        return written;
    }

    private static IReadOnlyList<EventEnvelope> BigSeal(string stream, StreamHead head, int payloadBytes) =>
        EnvelopeChain.Seal(stream, head, [new EventData("test-happened", 1, DateTimeOffset.UnixEpoch, null, System.Text.Encoding.UTF8.GetBytes($$"""{"text":"{{new string('x', payloadBytes)}}"}"""))]);

    /// <summary>As if every cache update had been lost to a crash: the segment's metadata is gone.</summary>
    private async Task ForgetCachedHeadAsync(string stream, int segment) =>
        await _fixture.Container.GetAppendBlobClient(BlobNames.Segment(stream, segment)).SetMetadataAsync(new Dictionary<string, string>());
}
