using Companion.Domain.Commands;

namespace Companion.Domain.Projections;

/// <summary>The calendar periods (UTC) that cover a look-back's range, each cut to the range.</summary>
public static class LookbackPeriods
{
    /// <summary>The most periods one look-back answers with: about nineteen years of weeks, eighty-three of months.</summary>
    public const int MaxPeriods = 1_000;

    /// <summary>The periods of [<paramref name="from"/>, <paramref name="to"/>), in order; none when the range is empty.</summary>
    /// <exception cref="DomainException">The range holds more than <see cref="MaxPeriods"/> periods.</exception>
    public static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Of(DateTimeOffset from, DateTimeOffset to, LookbackGrouping by)
    {
        var periods = new List<(DateTimeOffset, DateTimeOffset)>();
        for (var start = StartOf(from.ToUniversalTime(), by); start < to; start = Next(start, by))
        {
            if (periods.Count == MaxPeriods)
            {
                throw DomainException.Invalid(
                    $"The range from 'from' to 'to' holds more than {MaxPeriods} {(by == LookbackGrouping.Week ? "weeks" : "months")}; narrow it{(by == LookbackGrouping.Week ? " or use by=month" : "")}.");
            }

            var end = Next(start, by);
            periods.Add((start < from ? from : start, end > to ? to : end));
        }

        return periods;
    }

    /// <summary>The first instant of the week (Monday, UTC) or month (UTC) that holds <paramref name="time"/>.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset time, LookbackGrouping by)
    {
        var day = new DateTimeOffset(time.UtcDateTime.Date, TimeSpan.Zero);
        return by switch
        {
            LookbackGrouping.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            LookbackGrouping.Month => new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(by), by, "Not a look-back grouping."),
        };
    }

    /// <summary>The first instant of the period after the one starting at <paramref name="start"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset start, LookbackGrouping by) =>
        by == LookbackGrouping.Week ? start.AddDays(7) : start.AddMonths(1);
}
