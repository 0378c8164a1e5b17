using Companion.EventLog.Sqlite;
using Microsoft.Data.Sqlite;

namespace Companion.Orleans.Sqlite;

/// <summary>
/// One SQLite file with its schema script applied once: WAL with <c>synchronous=FULL</c>, so a
/// write that returned survives a power cut, as the event log's do.
/// </summary>
internal sealed class SqliteFile
{
    private readonly string _connectionString;
    private readonly string _script;
    private readonly Lazy<Task> _schema;

    public SqliteFile(string dataSource, string scriptName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataSource);
        var path = Path.GetFullPath(dataSource);
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        // Owner-only, like the event log's files: created 0600 before SQLite makes it 0644.
        PrivateDatabaseFile.Ensure(path);

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _script = ReadScript(scriptName);
        _schema = new Lazy<Task>(CreateSchemaAsync);
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.Value.WaitAsync(cancellationToken);
        return await OpenRawAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous=FULL;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await OpenRawAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;\n" + _script;
        await command.ExecuteNonQueryAsync();
    }

    private static string ReadScript(string name)
    {
        var assembly = typeof(SqliteFile).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Companion.Orleans.Sqlite.Scripts.{name}")
            ?? throw new InvalidOperationException($"The schema script {name} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
