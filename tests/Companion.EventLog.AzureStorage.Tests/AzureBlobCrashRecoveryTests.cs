using Azure.Storage.Blobs.Specialized;
using static Companion.EventLog.AzureStorage.Tests.AzureBlobSegmentTests;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>
/// A writer can stop between any two of its writes. Each test leaves the blobs as such a crash
/// would, then shows a fresh instance finds the true head and continues without a gap or a fork.
/// </summary>
public sealed class AzureBlobCrashRecoveryTests : IAsyncLifetime
{
    private readonly AzureBlobEventLogFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task A_block_appended_without_its_metadata_update_is_found_as_the_head()
    {
        var log = await _fixture.OpenAsync();
        var first = Seal("user-1", StreamHead.Empty, 1, 2);
        await log.AppendAsync("user-1", 0, first);
        var orphan = Seal("user-1", new StreamHead(2, first[^1].Hash), 3);
        using (var block = new MemoryStream(EnvelopeLines.Write(orphan)))
        {
            await _fixture.Container.GetAppendBlobClient(BlobNames.Segment("user-1", 1)).AppendBlockAsync(block);
        }

        var fresh = await _fixture.OpenAsync();
        var head = await fresh.GetHeadAsync("user-1");
        await fresh.AppendAsync("user-1", 3, Seal("user-1", head, 4));

        Assert.Equal(new StreamHead(3, orphan[0].Hash), head);
        var catalog = await fresh.ListStreamsAsync().ToListAsync();
        Assert.Equal(4, Assert.Single(catalog).Version);
        AssertWholeChain(await ReadAllAsync(fresh, "user-1"), 4);
    }

    [Fact]
    public async Task A_segment_sealed_before_its_successor_was_created_is_continued_in_a_new_segment()
    {
        var log = await _fixture.OpenAsync();
        var first = Seal("user-1", StreamHead.Empty, 1);
        await log.AppendAsync("user-1", 0, first);
        await _fixture.Container.GetAppendBlobClient(BlobNames.Segment("user-1", 1)).SealAsync();

        var fresh = await _fixture.OpenAsync();
        var head = await fresh.GetHeadAsync("user-1");
        await fresh.AppendAsync("user-1", 1, Seal("user-1", head, 2));

        Assert.Equal(new StreamHead(1, first[0].Hash), head);
        Assert.True((await _fixture.Container.GetBlobClient(BlobNames.Segment("user-1", 2)).ExistsAsync()).Value);
        AssertWholeChain(await ReadAllAsync(fresh, "user-1"), 2);
    }

    [Fact]
    public async Task An_empty_segment_left_by_a_roll_over_is_passed_over_by_readers_and_filled_by_the_next_writer()
    {
        var log = await _fixture.OpenAsync();
        var first = Seal("user-1", StreamHead.Empty, 1, 2);
        await log.AppendAsync("user-1", 0, first);
        await _fixture.Container.GetAppendBlobClient(BlobNames.Segment("user-1", 1)).SealAsync();
        await _fixture.Container.GetAppendBlobClient(BlobNames.Segment("user-1", 2)).CreateAsync(new Azure.Storage.Blobs.Models.AppendBlobCreateOptions());

        var fresh = await _fixture.OpenAsync();
        var head = await fresh.GetHeadAsync("user-1");
        var catalog = await fresh.ListStreamsAsync().ToListAsync();
        await fresh.AppendAsync("user-1", 2, Seal("user-1", head, 3));

        Assert.Equal(new StreamHead(2, first[^1].Hash), head);
        Assert.Equal(2, Assert.Single(catalog).Version);
        Assert.Equal(1, (await _fixture.Container.GetAppendBlobClient(BlobNames.Segment("user-1", 2)).GetPropertiesAsync()).Value.BlobCommittedBlockCount);
        AssertWholeChain(await ReadAllAsync(fresh, "user-1"), 3);
    }

    private static void AssertWholeChain(List<EventEnvelope> stored, int count)
    {
        Assert.Equal(Enumerable.Range(1, count).Select(v => (long)v), stored.Select(e => e.Version));
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, stored));
    }
}
