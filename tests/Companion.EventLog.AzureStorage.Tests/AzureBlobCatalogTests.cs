using Azure.Core;

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>
/// The catalog pages through listing windows: one listing request answers many pages, a stream
/// cut off by a listing page is listed once and whole, and no window hides this log's own writes
/// or outlives its maximum age.
/// </summary>
public sealed class AzureBlobCatalogTests : IAsyncLifetime
{
    private readonly AzureBlobEventLogFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Paging_through_thirty_streams_five_at_a_time_makes_two_listing_requests_not_six()
    {
        var writer = await _fixture.OpenAsync();
        var heads = await CreateStreamsAsync(writer, 30);
        // The first pass reads and caches every head, so the counted pass reads none.
        await PageThroughAsync(writer, 30);
        var requests = new RequestCountingPolicy();

        var listed = await PageThroughAsync(Counted(requests), 5);

        Assert.Equal(heads.Select(p => (p.Key, p.Value.Version, p.Value.Hash)), listed.Select(s => (s.Stream, s.Version, s.HeadHash)));
        // Creating the container, a window of 11 blobs for the first page, then one of 44 for the rest.
        Assert.Equal(3, requests.Count);
    }

    [Fact]
    public async Task Listing_sixty_streams_in_windows_of_ten_blobs_makes_a_request_per_window_not_per_page()
    {
        var writer = await _fixture.OpenAsync();
        var heads = await CreateStreamsAsync(writer, 60);
        await PageThroughAsync(writer, 60);
        var requests = new RequestCountingPolicy();

        var listed = await PageThroughAsync(Counted(requests, options => options.CatalogListingPageSize = 10), 5);

        Assert.Equal(heads.Keys, listed.Select(s => s.Stream));
        // Each window of 10 blobs holds 9 whole streams: 7 windows, and the container; 12 pages.
        Assert.InRange(requests.Count, 2, 8);
    }

    [Fact]
    public async Task A_stream_whose_segments_a_listing_page_cuts_off_is_listed_once_with_its_newest_head()
    {
        var writer = await _fixture.OpenAsync(options => options.MaxBlocksPerSegment = 2);
        var heads = new SortedDictionary<string, StreamHead>(StringComparer.Ordinal);
        for (var i = 0; i < 8; i++)
        {
            // 1 to 7 blocks: up to four segments, so windows of three blobs cut streams apart.
            heads[$"user-{i}"] = await AppendBlocksAsync(writer, $"user-{i}", 1 + i);
        }

        var listed = await PageThroughAsync(await _fixture.OpenAsync(options => options.CatalogListingPageSize = 3), 2);

        Assert.Equal(heads.Select(p => (p.Key, p.Value.Version, p.Value.Hash)), listed.Select(s => (s.Stream, s.Version, s.HeadHash)));
    }

    [Fact]
    public async Task A_stream_this_log_creates_after_a_listing_window_shows_on_the_next_page()
    {
        var log = await _fixture.OpenAsync();
        await CreateStreamsAsync(log, 4);
        var first = await log.ListStreamsAsync(null, 2).ToListAsync();

        var created = await AppendBlocksAsync(log, "user-01a", 1);
        var second = await log.ListStreamsAsync(first[^1].Stream, 2).ToListAsync();

        Assert.Equal(["user-00", "user-01"], first.Select(s => s.Stream));
        Assert.Equal(["user-01a", "user-02"], second.Select(s => s.Stream));
        Assert.Equal(created.Hash, second[0].HeadHash);
    }

    [Fact]
    public async Task An_append_by_this_log_after_a_listing_window_shows_its_new_head_on_the_next_page()
    {
        var log = await _fixture.OpenAsync();
        var heads = await CreateStreamsAsync(log, 4);
        var first = await log.ListStreamsAsync(null, 2).ToListAsync();

        var moved = await AppendBlocksAsync(log, "user-02", 2, heads["user-02"]);
        var second = await log.ListStreamsAsync(first[^1].Stream, 2).ToListAsync();

        Assert.Equal(("user-02", moved.Version, moved.Hash), (second[0].Stream, second[0].Version, second[0].HeadHash));
    }

    [Fact]
    public async Task Erasing_a_stream_drops_it_from_the_next_page_of_a_pass_already_under_way()
    {
        var log = await _fixture.OpenAsync();
        await CreateStreamsAsync(log, 4);
        var first = await log.ListStreamsAsync(null, 2).ToListAsync();

        await log.EraseStreamAsync("user-02");
        var second = await log.ListStreamsAsync(first[^1].Stream, 2).ToListAsync();

        Assert.Equal(["user-03"], second.Select(s => s.Stream));
    }

    [Fact]
    public async Task A_stream_another_process_creates_shows_once_the_window_is_older_than_its_maximum_age()
    {
        var reader = await _fixture.OpenAsync(options => options.CatalogListingMaxAge = TimeSpan.FromMilliseconds(300));
        var other = await _fixture.OpenAsync();
        await CreateStreamsAsync(other, 4);
        var first = await reader.ListStreamsAsync(null, 2).ToListAsync();

        var created = await AppendBlocksAsync(other, "user-01a", 1);
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        var second = await reader.ListStreamsAsync(first[^1].Stream, 2).ToListAsync();

        Assert.Equal(["user-01a", "user-02"], second.Select(s => s.Stream));
        Assert.Equal(created.Hash, second[0].HeadHash);
    }

    [Fact]
    public async Task With_no_maximum_age_every_page_lists_anew_and_sees_another_process_at_once()
    {
        var other = await _fixture.OpenAsync();
        var requests = new RequestCountingPolicy();
        var reader = Counted(requests, options => options.CatalogListingMaxAge = TimeSpan.Zero);
        var heads = await CreateStreamsAsync(other, 4);
        await PageThroughAsync(other, 4);
        var first = await reader.ListStreamsAsync(null, 2).ToListAsync();
        var before = requests.Count;

        var moved = await AppendBlocksAsync(other, "user-02", 1, heads["user-02"]);
        var second = await reader.ListStreamsAsync(first[^1].Stream, 2).ToListAsync();

        Assert.Equal((moved.Version, moved.Hash), (second[0].Version, second[0].HeadHash));
        // The listing, then the moved stream's tail and its cache write.
        Assert.Equal(3, requests.Count - before);
    }

    private AzureBlobEventLog Counted(RequestCountingPolicy requests, Action<AzureBlobEventLogOptions>? configure = null)
    {
        var options = new AzureBlobEventLogOptions { ConnectionString = _fixture.ConnectionString, ContainerName = _fixture.ContainerName };
        configure?.Invoke(options);
        return new AzureBlobEventLog(options, client => client.AddPolicy(requests, HttpPipelinePosition.PerRetry));
    }

    /// <summary>Streams user-00, user-01, … of one to three blocks each, by their names in order.</summary>
    private static async Task<SortedDictionary<string, StreamHead>> CreateStreamsAsync(IEventLog log, int count)
    {
        var heads = new SortedDictionary<string, StreamHead>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            heads[$"user-{i:D2}"] = await AppendBlocksAsync(log, $"user-{i:D2}", 1 + (i % 3));
        }

        return heads;
    }

    /// <summary>Every stream, a page of <paramref name="limit"/> at a time, each page after the last one's final stream.</summary>
    private static async Task<List<StreamInfo>> PageThroughAsync(IEventLog log, int limit)
    {
        var listed = new List<StreamInfo>();
        while (true)
        {
            var page = await log.ListStreamsAsync(listed.Count == 0 ? null : listed[^1].Stream, limit).ToListAsync();
            listed.AddRange(page);
            if (page.Count < limit)
            {
                return listed;
            }
        }
    }

    /// <summary>One small envelope per append block; the new head.</summary>
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
