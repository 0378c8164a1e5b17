using Azure.Core;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>
/// What a cold activation and the catalog cost in requests: the newest snapshot is one download,
/// the head of a stream that has not moved since a snapshot or a reader is the listing alone, and
/// the caches that make it so survive a crash between any two writes.
/// </summary>
public sealed class AzureBlobActivationReadTests : IAsyncLifetime
{
    private readonly AzureBlobEventLogFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task A_cold_activation_with_the_snapshot_at_the_head_reads_the_snapshot_and_the_head_in_two_requests()
    {
        var writer = await _fixture.OpenAsync();
        // 40 blocks: the appends last cached the head at block 32, so it lags until the snapshot.
        var head = await AppendBlocksAsync(writer, "user-1", 40);
        await writer.SaveSnapshotAsync(new Snapshot("user-1", head.Version, head.Hash, 1, "{\"at\":40}"u8.ToArray(), DateTimeOffset.UnixEpoch));
        var requests = new RequestCountingPolicy();
        var reader = Counted(requests);
        await reader.GetHeadAsync("someone-else");
        var before = requests.Count;

        var snapshot = reader.LoadNewestSnapshotAsync("user-1");
        var readHead = reader.GetHeadAsync("user-1");
        await Task.WhenAll(snapshot, readHead);

        Assert.Equal(head.Version, (await snapshot)?.Version);
        Assert.Equal(head, await readHead);
        Assert.Equal(2, requests.Count - before);
    }

    [Fact]
    public async Task A_head_read_that_finds_the_cache_behind_brings_it_up_so_the_next_reader_needs_only_the_listing()
    {
        var head = await AppendBlocksAsync(await _fixture.OpenAsync(), "user-1", 40);
        var first = new RequestCountingPolicy();
        var second = new RequestCountingPolicy();

        var firstHead = await Counted(first).GetHeadAsync("user-1");
        var firstCount = first.Count;
        var secondHead = await Counted(second).GetHeadAsync("user-1");
        var secondCount = second.Count;

        Assert.Equal(head, firstHead);
        Assert.Equal(head, secondHead);
        // Creating the container, then the listing; the first also read the tail and cached the head.
        Assert.Equal(2, secondCount);
        Assert.Equal(4, firstCount);
    }

    [Fact]
    public async Task An_append_after_the_cache_was_brought_up_is_found_by_the_next_head_read()
    {
        var writer = await _fixture.OpenAsync();
        var head = await AppendBlocksAsync(writer, "user-1", 40);
        await (await _fixture.OpenAsync()).GetHeadAsync("user-1");

        // The writer's own position holds the ETag from before the reader's cache write.
        var next = await AppendBlocksAsync(writer, "user-1", 1, head);
        var readHead = await (await _fixture.OpenAsync()).GetHeadAsync("user-1");

        Assert.Equal(41, next.Version);
        Assert.Equal(next, readHead);
    }

    [Fact]
    public async Task Listing_streams_again_reads_no_tail_of_a_stream_that_has_not_moved()
    {
        var heads = new Dictionary<string, StreamHead>();
        var writer = await _fixture.OpenAsync();
        for (var i = 0; i < 12; i++)
        {
            heads[$"user-{i:D2}"] = await AppendBlocksAsync(writer, $"user-{i:D2}", 1 + (i % 3));
        }

        var before = heads.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Hash)).ToList();
        var first = new RequestCountingPolicy();
        var second = new RequestCountingPolicy();
        var firstListing = await ListAsync(Counted(first));
        var moved = await AppendBlocksAsync(writer, "user-05", 1, heads["user-05"]);
        heads["user-05"] = moved;
        var secondListing = await ListAsync(Counted(second));

        Assert.Equal(before, firstListing.Select(s => (s.Stream, s.HeadHash)));
        Assert.Equal(heads.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Hash)), secondListing.Select(s => (s.Stream, s.HeadHash)));
        Assert.True(first.Count >= 12, $"the first listing made only {first.Count} requests");
        // The container, the listing, and the one stream that moved: its tail and its cache write.
        Assert.Equal(4, second.Count);
    }

    [Fact]
    public async Task The_newest_snapshot_of_a_stream_saved_before_its_copy_existed_is_found_by_listing()
    {
        var log = await _fixture.OpenAsync();
        var head = await AppendBlocksAsync(log, "user-1", 3);
        await log.SaveSnapshotAsync(new Snapshot("user-1", head.Version, head.Hash, 1, "{}"u8.ToArray(), DateTimeOffset.UnixEpoch));
        await _fixture.Container.DeleteBlobAsync(BlobNames.NewestSnapshot("user-1"));

        var loaded = await (await _fixture.OpenAsync()).LoadNewestSnapshotAsync("user-1");

        Assert.Equal(head.Version, loaded?.Version);
        Assert.Equal(head.Hash, loaded?.HeadHash);
    }

    [Fact]
    public async Task A_crash_before_the_newest_copy_was_updated_loads_the_older_snapshot_until_the_next_save()
    {
        var log = await _fixture.OpenAsync();
        var three = await AppendBlocksAsync(log, "user-1", 3);
        await log.SaveSnapshotAsync(new Snapshot("user-1", 3, three.Hash, 1, "{\"v\":3}"u8.ToArray(), DateTimeOffset.UnixEpoch));
        var six = await AppendBlocksAsync(log, "user-1", 3, three);
        // The versioned snapshot at 6 is stored, then the process dies before copying it.
        await _fixture.Container.GetBlobClient(BlobNames.Snapshot("user-1", 6)).UploadAsync(new BinaryData("{\"v\":6}"u8.ToArray()), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { ["version"] = "6", ["headhash"] = six.Hash, ["stateschema"] = "1", ["createdat"] = DateTimeOffset.UnixEpoch.ToString("O") },
        });

        var afterCrash = await (await _fixture.OpenAsync()).LoadNewestSnapshotAsync("user-1");
        var atSix = await (await _fixture.OpenAsync()).LoadSnapshotAtOrBeforeAsync("user-1", 6);
        var nine = await AppendBlocksAsync(log, "user-1", 3, six);
        await log.SaveSnapshotAsync(new Snapshot("user-1", 9, nine.Hash, 1, "{\"v\":9}"u8.ToArray(), DateTimeOffset.UnixEpoch));
        var afterSave = await (await _fixture.OpenAsync()).LoadNewestSnapshotAsync("user-1");

        Assert.Equal((3L, three.Hash), (afterCrash?.Version ?? 0, afterCrash?.HeadHash));
        Assert.Equal(6, atSix?.Version);
        Assert.Equal((9L, nine.Hash), (afterSave?.Version ?? 0, afterSave?.HeadHash));
    }

    [Fact]
    public async Task An_older_snapshot_saved_by_a_second_process_never_replaces_the_newest_copy()
    {
        var first = await _fixture.OpenAsync();
        var second = await _fixture.OpenAsync();
        var three = await AppendBlocksAsync(first, "user-1", 3);
        var six = await AppendBlocksAsync(first, "user-1", 3, three);
        // The second process lists before the first saves, as two savers racing would.
        var older = new Snapshot("user-1", 3, three.Hash, 1, "{\"v\":3}"u8.ToArray(), DateTimeOffset.UnixEpoch);
        await first.SaveSnapshotAsync(new Snapshot("user-1", 6, six.Hash, 1, "{\"v\":6}"u8.ToArray(), DateTimeOffset.UnixEpoch));
        await _fixture.Container.DeleteBlobAsync(BlobNames.Snapshot("user-1", 6));
        await second.SaveSnapshotAsync(older);

        var loaded = await (await _fixture.OpenAsync()).LoadNewestSnapshotAsync("user-1");

        Assert.Equal(6, loaded?.Version);
    }

    [Fact]
    public async Task Erasing_a_stream_removes_its_newest_snapshot_copy()
    {
        var log = await _fixture.OpenAsync();
        var head = await AppendBlocksAsync(log, "user-1", 2);
        await log.SaveSnapshotAsync(new Snapshot("user-1", 2, head.Hash, 1, "{}"u8.ToArray(), DateTimeOffset.UnixEpoch));

        await log.EraseStreamAsync("user-1");

        Assert.Null(await (await _fixture.OpenAsync()).LoadNewestSnapshotAsync("user-1"));
        Assert.False(await _fixture.Container.GetBlobClient(BlobNames.NewestSnapshot("user-1")).ExistsAsync());
    }

    private AzureBlobEventLog Counted(RequestCountingPolicy requests) => new(
        new AzureBlobEventLogOptions { ConnectionString = _fixture.ConnectionString, ContainerName = _fixture.ContainerName },
        client => client.AddPolicy(requests, HttpPipelinePosition.PerRetry));

    private static async Task<List<StreamInfo>> ListAsync(IEventLog log)
    {
        var listed = new List<StreamInfo>();
        await foreach (var info in log.ListStreamsAsync(null, 1000))
        {
            listed.Add(info);
        }

        return listed;
    }

    /// <summary>One small envelope per append block, as a user's appends arrive; the new head.</summary>
    private static async Task<StreamHead> AppendBlocksAsync(IEventLog log, string stream, int count, StreamHead? from = null)
    {
        var head = from ?? StreamHead.Empty;
        for (var i = 0; i < count; i++)
        {
            var envelopes = EnvelopeChain.Seal(stream, head, [new EventData("test-happened", 1, DateTimeOffset.UnixEpoch, null, "{\"n\":1}"u8.ToArray())]);
            await log.AppendAsync(stream, head.Version, envelopes);
            head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
        }

        return head;
    }
}
