namespace Companion.Grains;

/// <summary>How scheduled check-ins use their Orleans reminder.</summary>
public sealed class CheckInOptions
{
    /// <summary>
    /// The reminder's period. The grain re-arms the reminder for the next due time after every
    /// tick, so while the silo runs this never elapses; it decides how soon after a restart a
    /// check-in missed while the silo was down is delivered (Orleans skips missed ticks and fires
    /// at the next period boundary). At least Orleans' minimum reminder period (1 minute by default).
    /// </summary>
    public TimeSpan CatchUpPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
