using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Companion.Orleans.Sqlite;

/// <summary>
/// Orleans grain state in a SQLite file of the data directory, for the embedded default (the
/// cluster keeps it in Azure Table storage). Optimistic concurrency by ETag, as Orleans' own
/// providers do: a write or clear whose ETag is not the stored one throws
/// <see cref="InconsistentStateException"/>. Orleans' ADO.NET persistence has no SQLite scripts.
/// </summary>
public sealed class SqliteGrainStorage(string dataSource, string serviceId, IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly SqliteFile _file = new(dataSource, "GrainState.sql");

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        await using var command = Command(connection, "SELECT etag, data FROM grain_state WHERE service_id = $service AND state_name = $state AND grain_id = $grain", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.ETag = reader.GetString(0);
            grainState.State = serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1)));
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        var sql = grainState.ETag is null
            ? "INSERT INTO grain_state (service_id, state_name, grain_id, etag, data) VALUES ($service, $state, $grain, $etag, $data) ON CONFLICT DO NOTHING"
            : "UPDATE grain_state SET etag = $etag, data = $data WHERE service_id = $service AND state_name = $state AND grain_id = $grain AND etag = $expected";
        await using var command = Command(connection, sql, stateName, grainId);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$data", serializer.Serialize(grainState.State).ToArray());
        command.Parameters.AddWithValue("$expected", (object?)grainState.ETag ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync() == 0)
        {
            throw new InconsistentStateException($"The state '{stateName}' of {grainId} was changed by another writer since it was read.", "", grainState.ETag ?? "");
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (grainState.ETag is not null)
        {
            await using var connection = await _file.OpenAsync(CancellationToken.None);
            await using var command = Command(connection, "DELETE FROM grain_state WHERE service_id = $service AND state_name = $state AND grain_id = $grain AND etag = $expected", stateName, grainId);
            command.Parameters.AddWithValue("$expected", grainState.ETag);
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                throw new InconsistentStateException($"The state '{stateName}' of {grainId} was changed by another writer since it was read.", "", grainState.ETag);
            }
        }

        grainState.ETag = null;
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    private SqliteCommand Command(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", serviceId);
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        return command;
    }
}
