using Microsoft.Extensions.DependencyInjection;

namespace Companion.EventLog.Sqlite.Tests;

public sealed class SqliteEventLogRegistrationTests
{
    [Fact]
    public async Task AddSqliteEventLog_registers_one_sqlite_log_as_the_singleton_event_log()
    {
        var path = Path.Combine(Path.GetTempPath(), "companion-eventlog-sqlite-tests", $"{Guid.NewGuid():N}", "events.db");
        try
        {
            await using (var provider = new ServiceCollection()
                .AddSqliteEventLog(options => options.DataSource = path)
                .BuildServiceProvider())
            {
                var log = provider.GetRequiredService<IEventLog>();

                Assert.IsType<SqliteEventLog>(log);
                Assert.Same(log, provider.GetRequiredService<IEventLog>());
                await log.PingAsync();
                Assert.True(File.Exists(path));
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path) ?? path, recursive: true);
        }
    }
}
