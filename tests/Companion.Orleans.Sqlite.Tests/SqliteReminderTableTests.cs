using Orleans;

namespace Companion.Orleans.Sqlite.Tests;

public sealed class SqliteReminderTableTests : ReminderTableConformanceTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("companion-reminders-").FullName;

    public SqliteReminderTableTests() => Table = new SqliteReminderTable(Path.Combine(_folder, "reminders.db"), "service-" + Guid.NewGuid().ToString("N"));

    protected override IReminderTable Table { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
