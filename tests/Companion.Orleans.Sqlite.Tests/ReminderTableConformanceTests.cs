using Orleans;
using Orleans.Runtime;

namespace Companion.Orleans.Sqlite.Tests;

/// <summary>What every <see cref="IReminderTable"/> must do for Orleans' reminder service; a provider adopts it in one line.</summary>
public abstract class ReminderTableConformanceTests
{
    protected abstract IReminderTable Table { get; }

    [Fact]
    public async Task An_upserted_reminder_reads_back_by_grain_and_by_name_with_the_etag_the_upsert_returned()
    {
        var entry = Entry("probe");

        var etag = await Table.UpsertRow(entry);
        var byName = await Table.ReadRow(entry.GrainId, "probe");
        var byGrain = await Table.ReadRows(entry.GrainId);

        Assert.NotNull(byName);
        Assert.Equal((entry.GrainId, entry.StartAt, entry.Period, etag), (byName.GrainId, byName.StartAt, byName.Period, byName.ETag));
        Assert.Equal(etag, Assert.Single(byGrain.Reminders).ETag);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_reminder_and_gives_it_a_new_etag()
    {
        var entry = Entry("probe");
        var first = await Table.UpsertRow(entry);
        entry.Period = TimeSpan.FromMinutes(7);

        var second = await Table.UpsertRow(entry);
        var read = await Table.ReadRows(entry.GrainId);

        Assert.NotEqual(first, second);
        var row = Assert.Single(read.Reminders);
        Assert.Equal((TimeSpan.FromMinutes(7), second), (row.Period, row.ETag));
    }

    [Fact]
    public async Task A_missing_reminder_reads_as_null_and_a_grain_without_reminders_as_none()
    {
        var grain = Grain();

        Assert.Null(await Table.ReadRow(grain, "nothing"));
        Assert.Empty((await Table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task Remove_with_a_stale_etag_keeps_the_reminder_and_with_the_current_etag_removes_it()
    {
        var entry = Entry("probe");
        var stale = await Table.UpsertRow(entry);
        var current = await Table.UpsertRow(entry);

        Assert.False(await Table.RemoveRow(entry.GrainId, "probe", stale!));
        Assert.NotNull(await Table.ReadRow(entry.GrainId, "probe"));
        Assert.True(await Table.RemoveRow(entry.GrainId, "probe", current!));
        Assert.Null(await Table.ReadRow(entry.GrainId, "probe"));
        Assert.False(await Table.RemoveRow(entry.GrainId, "probe", current!));
    }

    [Fact]
    public async Task A_hash_range_holds_the_reminders_of_grains_whose_hash_is_above_its_start_and_at_most_its_end_wrapping_round_the_ring()
    {
        var grains = Enumerable.Range(0, 40).Select(_ => Entry("r")).ToList();
        foreach (var grain in grains)
        {
            await Table.UpsertRow(grain);
        }

        var hashes = grains.Select(g => g.GrainId.GetUniformHashCode()).Order().ToList();
        var (low, high) = (hashes[10], hashes[30]);

        var inside = (await Table.ReadRows(low, high)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).Where(hashes.Contains).Order().ToList();
        var wrapped = (await Table.ReadRows(high, low)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).Where(hashes.Contains).Order().ToList();

        Assert.Equal(hashes.Where(h => h > low && h <= high), inside);
        Assert.Equal(hashes.Where(h => h > high || h <= low).Order(), wrapped);
    }

    private static GrainId Grain() => GrainId.Create("probe", Guid.NewGuid().ToString("N"));

    private static ReminderEntry Entry(string name) => new()
    {
        GrainId = Grain(),
        ReminderName = name,
        StartAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(1),
    };
}
