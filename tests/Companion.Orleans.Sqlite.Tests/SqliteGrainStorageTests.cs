using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Companion.Orleans.Sqlite.Tests;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("companion-grain-state-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Written_state_reads_back_from_a_new_storage_on_the_same_file()
    {
        var grain = GrainId.Create("totals", "0");
        var written = new GrainState<Counter> { State = new Counter { Value = 42 } };
        await Storage().WriteStateAsync("totals", grain, written);

        var read = new GrainState<Counter>();
        await Storage().ReadStateAsync("totals", grain, read);

        Assert.Equal(((int?)42, true, written.ETag), (read.State?.Value, read.RecordExists, read.ETag));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_the_newer_state_stays()
    {
        var grain = GrainId.Create("totals", "0");
        var storage = Storage();
        var first = new GrainState<Counter> { State = new Counter { Value = 1 } };
        await storage.WriteStateAsync("totals", grain, first);
        var stale = new GrainState<Counter> { State = new Counter { Value = 2 }, ETag = first.ETag };
        first.State = new Counter { Value = 3 };
        await storage.WriteStateAsync("totals", grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("totals", grain, stale));
        var blind = new GrainState<Counter> { State = new Counter { Value = 4 } };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("totals", grain, blind));
        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("totals", grain, read);
        Assert.Equal(3, read.State?.Value);
    }

    [Fact]
    public async Task Cleared_state_reads_as_absent()
    {
        var grain = GrainId.Create("totals", "0");
        var storage = Storage();
        var state = new GrainState<Counter> { State = new Counter { Value = 1 } };
        await storage.WriteStateAsync("totals", grain, state);

        await storage.ClearStateAsync("totals", grain, state);
        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("totals", grain, read);

        Assert.Equal((false, (string?)null, (int?)0), (read.RecordExists, read.ETag, read.State?.Value));
    }

    private SqliteGrainStorage Storage() => new(Path.Combine(_folder, "grain-state.db"), "service", new JsonSerializer());

    public sealed class Counter
    {
        public int Value { get; set; }
    }

    /// <summary>System.Text.Json for the test's plain state; the silo uses Orleans' configured serializer.</summary>
    private sealed class JsonSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input);

        public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>() ?? throw new JsonException("Empty state.");
    }
}
