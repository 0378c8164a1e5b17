using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Companion.EventLog.Sqlite.Schema;

/// <summary>
/// Applies the numbered scripts embedded from <c>Scripts/NNNN_Name.sql</c> in order, each in its own
/// transaction together with its row in <c>schema_migrations</c>, so a database is always at a
/// whole script.
/// </summary>
internal static class SchemaMigrator
{
    private const string ScriptFolder = ".Scripts.";

    public static void Migrate(SqliteConnection connection, TimeProvider clock)
    {
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER NOT NULL PRIMARY KEY,
                name       TEXT    NOT NULL,
                applied_at TEXT    NOT NULL
            );
            """);

        var scripts = FindScripts();
        foreach (var script in scripts)
        {
            using var transaction = connection.BeginTransaction();
            if (!IsApplied(connection, transaction, script.Version))
            {
                Execute(connection, transaction, ReadScript(script.ResourceName));
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $applied_at);";
                record.Parameters.AddWithValue("$version", script.Version);
                record.Parameters.AddWithValue("$name", script.Name);
                record.Parameters.AddWithValue("$applied_at", SqliteValues.FormatTime(clock.GetUtcNow()));
                record.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        var newest = NewestApplied(connection);
        var known = scripts.Count == 0 ? 0 : scripts[^1].Version;
        if (newest > known)
        {
            throw new InvalidOperationException(
                $"The event log database is at schema version {newest}, newer than this build knows ({known}). Run a newer build.");
        }
    }

    private static List<Script> FindScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = new List<Script>();
        foreach (var resourceName in assembly.GetManifestResourceNames())
        {
            var folder = resourceName.IndexOf(ScriptFolder, StringComparison.Ordinal);
            if (folder < 0 || !resourceName.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resourceName[(folder + ScriptFolder.Length)..^".sql".Length];
            var digits = name.Split('_', 2)[0];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Schema script '{resourceName}' is not named NNNN_Name.sql.");
            }

            scripts.Add(new Script(version, name, resourceName));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Schema scripts '{scripts[i - 1].Name}' and '{scripts[i].Name}' share a number.");
            }
        }

        return scripts;
    }

    private static string ReadScript(string resourceName)
    {
        using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Schema script '{resourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static bool IsApplied(SqliteConnection connection, SqliteTransaction transaction, int version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = $version;";
        command.Parameters.AddWithValue("$version", version);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static long NewestApplied(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record Script(int Version, string Name, string ResourceName);
}
