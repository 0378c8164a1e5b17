using Companion.EventLog.Encryption;

namespace Companion.Silo.Hosting;

/// <summary>
/// Encryption at rest: the master key ring from <c>Companion:MasterKey</c> (generated into the
/// data directory when unset) and <c>Companion:RetiredMasterKeys</c>, over the key store that
/// <see cref="EventLogHosting"/> chose with the event log.
/// </summary>
public static class EncryptionHosting
{
    public static IServiceCollection AddConfiguredEncryption(this IServiceCollection services, CompanionOptions companion, DataDirectory dataDirectory)
    {
        var current = companion.MasterKey is { Length: > 0 } configured
            ? MasterKeyRing.ParseKey(configured, "Companion:MasterKey")
            : MasterKeyRing.ParseKey(dataDirectory.ReadOrCreateSecret("master-key", () => Convert.ToBase64String(MasterKeyRing.NewKey())), "The data directory's master-key file");
        var retired = companion.RetiredMasterKeys.Select((key, i) => MasterKeyRing.ParseKey(key, $"Companion:RetiredMasterKeys:{i}")).ToList();
        var ring = new MasterKeyRing(current, retired);

        services.AddSingleton(provider => new StreamKeys(provider.GetRequiredService<IDataKeyStore>(), ring, provider.GetService<TimeProvider>()));
        services.AddHostedService<MasterKeyRotation>();
        return services;
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
