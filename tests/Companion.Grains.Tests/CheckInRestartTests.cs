using Companion.Domain.Events;
using Companion.Grains;

namespace Companion.Grains.Tests;

/// <summary>The check-in reminder is durable: armed on one silo, it fires on the next one started over the same data.</summary>
public sealed class CheckInRestartTests
{
    [Fact]
    public async Task Check_ins_missed_while_the_silo_was_down_are_delivered_once_after_it_restarts()
    {
        await using var silo = new CheckInSilo();
        await silo.StartAsync(catchUpPeriod: TimeSpan.FromSeconds(1));
        var userId = Ids.New("u");
        var user = silo.Grains.GetGrain<IUserGrain>(userId);
        await user.Register("Robin");
        // Due at 07:00 UTC; the clock stands at 06:59:58, so the reminder fires in seconds on real
        // time and, while the clock stands still, finds nothing due yet.
        silo.Clock.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(58));
        await user.ScheduleCheckIn("07:00", "UTC");
        await silo.StopAsync();
        Assert.Empty(await silo.EventsAsync<CheckInDue>(userId));

        // Down for three days and a half.
        silo.Clock.Advance(TimeSpan.FromDays(3.5));
        await silo.StartAsync(catchUpPeriod: TimeSpan.FromSeconds(1));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await silo.EventsAsync<CheckInDue>(userId)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // further ticks, had the reminder not been re-armed, would come within this
        var due = Assert.Single(await silo.EventsAsync<CheckInDue>(userId));
        Assert.Equal((new DateOnly(2026, 11, 26), 3), (due.LocalDate, due.MissedDays));
        Assert.Equal(new DateOnly(2026, 11, 27), (await silo.Grains.GetGrain<IUserGrain>(userId).GetCheckIn())?.NextDueDate);
    }
}
