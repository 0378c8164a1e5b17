using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Companion.EventLog.Sqlite.Tests;

public sealed class SqliteStorageRegistrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("companion-sqlite-registration-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AddSqliteStorage_registers_one_sqlite_log_and_one_sqlite_key_store_in_two_files()
    {
        var events = Path.Combine(_directory, "data", "events.db");
        var keys = Path.Combine(_directory, "data", "keys.db");
        await using (var provider = new ServiceCollection()
            .AddSqliteStorage(options => (options.DataSource, options.KeysDataSource) = (events, keys))
            .BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            var log = provider.GetRequiredService<IEventLog>();
            var store = provider.GetRequiredService<IDataKeyStore>();

            Assert.IsType<SqliteEventLog>(log);
            Assert.Same(log, provider.GetRequiredService<IEventLog>());
            Assert.IsType<SqliteDataKeyStore>(store);
            Assert.Same(store, provider.GetRequiredService<IDataKeyStore>());
            await log.PingAsync();
            await store.AddAsync("u_registered", new WrappedDataKey("k1", new byte[] { 1, 2, 3 }));
        }

        Assert.True(File.Exists(events));
        Assert.True(File.Exists(keys));
    }

    [Theory]
    [InlineData("", "keys.db", "Storage:Sqlite:DataSource is not set")]
    [InlineData("events.db", "", "Storage:Sqlite:KeysDataSource is not set")]
    [InlineData("one.db", "one.db", "Storage:Sqlite:KeysDataSource must differ from DataSource")]
    public void AddSqliteStorage_refuses_at_start_up_options_that_cannot_work_naming_the_key_to_set(string events, string keys, string message)
    {
        using var provider = new ServiceCollection()
            .AddSqliteStorage(options => (options.DataSource, options.KeysDataSource) = (Within(events), Within(keys)))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, error.Message);
        Assert.Empty(Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories));
    }

    private string Within(string name) => name.Length == 0 ? "" : Path.Combine(_directory, name);
}
