using System.Collections.Concurrent;

namespace Companion.Silo.Tests;

/// <summary>A test grain that registers a reminder and counts its ticks, keyed by the grain's own (fresh per test) key.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Register(TimeSpan dueTime, TimeSpan period);
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    /// <summary>Ticks received per grain key, across the silos a test starts in this process.</summary>
    public static ConcurrentDictionary<string, int> Ticks { get; } = new(StringComparer.Ordinal);

    public Task Register(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
