namespace Companion.Silo.Feed;

/// <summary>The <c>EventStream</c> configuration section: the live per-user stream.</summary>
public sealed class EventStreamOptions
{
    public const string Section = "EventStream";

    /// <summary>Open streams per user on one silo; one more is refused (429). Default 4.</summary>
    public int MaxStreamsPerUser { get; set; } = 4;

    /// <summary>A comment line is sent after this long without an event, so proxies keep the connection open. Default 15 seconds.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
