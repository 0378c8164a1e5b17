using Companion.EventLog.AzureStorage;
using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite.Keys;

namespace Companion.Silo.Hosting;

/// <summary>
/// Encryption at rest: the master key ring from <c>Companion:MasterKey</c> (generated into the
/// data directory when unset) and <c>Companion:RetiredMasterKeys</c>, and the key store of the
/// configured provider, apart from the events: <c>keys.db</c> beside <c>events.db</c> for SQLite
/// (<c>Storage:Sqlite:KeysDataSource</c>), the <c>Storage:AzureBlob:KeysContainerName</c>
/// container (default <c>companion-keys</c>) for Azure.
/// </summary>
public static class EncryptionHosting
{
    public const string DefaultKeysContainer = "companion-keys";

    public static IServiceCollection AddConfiguredEncryption(this IServiceCollection services, IConfiguration configuration, CompanionOptions companion, DataDirectory dataDirectory)
    {
        var current = companion.MasterKey is { Length: > 0 } configured
            ? MasterKeyRing.ParseKey(configured, "Companion:MasterKey")
            : MasterKeyRing.ParseKey(dataDirectory.ReadOrCreateSecret("master-key", () => Convert.ToBase64String(MasterKeyRing.NewKey())), "The data directory's master-key file");
        var retired = companion.RetiredMasterKeys.Select((key, i) => MasterKeyRing.ParseKey(key, $"Companion:RetiredMasterKeys:{i}")).ToList();
        var ring = new MasterKeyRing(current, retired);

        services.AddSingleton(ring);
        services.AddSingleton<IDataKeyStore>(_ => CreateKeyStore(configuration, dataDirectory));
        services.AddSingleton(provider => new StreamKeys(provider.GetRequiredService<IDataKeyStore>(), ring, provider.GetService<TimeProvider>()));
        services.AddHostedService<MasterKeyRotation>();
        return services;
    }

    private static IDataKeyStore CreateKeyStore(IConfiguration configuration, DataDirectory dataDirectory)
    {
        var provider = configuration["Storage:Provider"];
        if (string.Equals(provider, EventLogHosting.AzureBlob, StringComparison.OrdinalIgnoreCase))
        {
            var section = configuration.GetSection("Storage:AzureBlob");
            var container = section["KeysContainerName"] is { Length: > 0 } name ? name : DefaultKeysContainer;
            if (string.Equals(container, section["ContainerName"], StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Storage:AzureBlob:KeysContainerName must differ from ContainerName: the keys are kept apart from the events.");
            }

            return new AzureBlobDataKeyStore(section["ConnectionString"] ?? "", container);
        }

        var keys = configuration["Storage:Sqlite:KeysDataSource"] ?? dataDirectory.File("keys.db");
        var events = configuration["Storage:Sqlite:DataSource"] ?? dataDirectory.File("events.db");
        return string.Equals(Path.GetFullPath(keys), Path.GetFullPath(events), StringComparison.Ordinal)
            ? throw new InvalidOperationException("Storage:Sqlite:KeysDataSource must differ from DataSource: the keys are kept apart from the events.")
            : new SqliteDataKeyStore(keys);
    }
}

/// <summary>
/// Master key rotation at start-up: when retired master keys are configured, every data key
/// still wrapped by one of them is rewrapped under the current master key, with progress in the
/// log. The silo serves meanwhile (a key is readable under either wrapping).
/// </summary>
public sealed partial class MasterKeyRotation(StreamKeys keys, ILogger<MasterKeyRotation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (keys.Ring.Ids.Count() < 2)
        {
            return;
        }

        LogStarted(logger, keys.Ring.CurrentId);
        var progress = new Progress<int>(count =>
        {
            if (count % 1000 == 0)
            {
                LogProgress(logger, count);
            }
        });
        int rewrapped, unreadable;
        try
        {
            (rewrapped, unreadable) = await keys.RewrapAsync(progress, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not a reason to stop serving: every key is readable under either master key.
            LogFailed(logger, e);
            return;
        }

        LogDone(logger, rewrapped, keys.Ring.CurrentId);
        if (unreadable > 0)
        {
            LogUnreadable(logger, unreadable);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Master key rotation: rewrapping data keys under master key {MasterKeyId}")]
    private static partial void LogStarted(ILogger logger, string masterKeyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Master key rotation: {Count} data keys rewrapped so far")]
    private static partial void LogProgress(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Master key rotation done: {Count} data keys rewrapped; every data key is now wrapped by master key {MasterKeyId}, and the retired keys may be removed from configuration")]
    private static partial void LogDone(ILogger logger, int count, string masterKeyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Master key rotation stopped before it was done; the silo serves on (keys are readable under the current and the retired master keys) and the next start tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Master key rotation: {Count} data keys are wrapped by a master key that is not configured; those users cannot be read until it is given")]
    private static partial void LogUnreadable(ILogger logger, int count);
}
