using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;

namespace Companion.Orleans.Sqlite;

/// <summary>
/// Orleans reminders in a SQLite file (<c>reminders.db</c> in the data directory), so a reminder
/// outlives the silo that registered it on the embedded default. Orleans' ADO.NET reminder
/// provider ships scripts for SQL Server, MySQL, PostgreSQL and Oracle only, not SQLite. Rows are
/// kept per service id; a silo reads the rows whose grain hash falls in its range of the ring.
/// </summary>
public sealed class SqliteReminderTable(string dataSource, string serviceId) : IReminderTable
{
    private readonly SqliteFile _file = new(dataSource, "Reminders.sql");

    /// <inheritdoc />
    public Task Init() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        await using var command = Command(connection, "SELECT * FROM reminders WHERE service_id = $service AND grain_id = $grain");
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        return new ReminderTableData(await ReadAllAsync(command));
    }

    /// <inheritdoc />
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // The range is (begin, end] on a ring: when begin >= end it wraps past uint.MaxValue.
        var range = begin < end ? "grain_hash > $begin AND grain_hash <= $end" : "(grain_hash > $begin OR grain_hash <= $end)";
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        await using var command = Command(connection, $"SELECT * FROM reminders WHERE service_id = $service AND {range}");
        command.Parameters.AddWithValue("$begin", (long)begin);
        command.Parameters.AddWithValue("$end", (long)end);
        return new ReminderTableData(await ReadAllAsync(command));
    }

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        await using var command = Command(connection, "SELECT * FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name");
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        var rows = await ReadAllAsync(command);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        await using var command = Command(connection, """
            INSERT INTO reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period, etag)
            VALUES ($service, $grain, $name, $hash, $start, $period, $etag)
            ON CONFLICT (service_id, grain_id, reminder_name)
            DO UPDATE SET start_at = excluded.start_at, period = excluded.period, etag = excluded.etag
            """);
        command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$name", entry.ReminderName);
        command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("$start", entry.StartAt.ToUniversalTime().Ticks);
        command.Parameters.AddWithValue("$period", entry.Period.Ticks);
        command.Parameters.AddWithValue("$etag", etag);
        await command.ExecuteNonQueryAsync();
        return etag;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        await using var command = Command(connection, "DELETE FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND etag = $etag");
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        command.Parameters.AddWithValue("$etag", eTag);
        return await command.ExecuteNonQueryAsync() > 0;
    }

    /// <inheritdoc />
    public async Task TestOnlyClearTable()
    {
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        await using var command = Command(connection, "DELETE FROM reminders WHERE service_id = $service");
        await command.ExecuteNonQueryAsync();
    }

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", serviceId);
        return command;
    }

    private static async Task<List<ReminderEntry>> ReadAllAsync(SqliteCommand command)
    {
        var rows = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(reader.GetOrdinal("grain_id"))),
                ReminderName = reader.GetString(reader.GetOrdinal("reminder_name")),
                StartAt = new DateTime(reader.GetInt64(reader.GetOrdinal("start_at")), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(reader.GetOrdinal("period"))),
                ETag = reader.GetString(reader.GetOrdinal("etag")),
            });
        }

        return rows;
    }
}
