using System.Collections.Immutable;
using Companion.Domain.Events;

namespace Companion.Domain.Projections;

/// <summary>
/// Builds the <see cref="Rhythm"/> view from a user's events in stream order. Pure: fed by the
/// one stream fold, it keeps only times and, per local day, whether a journal entry named
/// someone; no words leave it. Late night is 23:00 to 05:00 local time.
/// </summary>
public sealed class RhythmProjection(TimeZoneInfo zone, RhythmPeriodKind by)
{
    /// <summary>Late night starts at this local hour…</summary>
    public const int LateNightFromHour = 23;

    /// <summary>…and ends at this one.</summary>
    public const int LateNightToHour = 5;

    private readonly SortedDictionary<DateOnly, Day> _days = [];
    private readonly List<DateTimeOffset> _uses = [];

    /// <summary>Takes an event into account.</summary>
    public void Add(UserEvent @event)
    {
        switch (@event)
        {
            case SessionStarted e:
                DayOf(e.OccurredAt).Sessions++;
                _uses.Add(e.OccurredAt);
                break;
            case MessageRecorded e:
                // When it was said: an imported chat counts in the weeks it happened, not the day it came in.
                var day = DayOf(e.SaidAt);
                day.Messages++;
                if (IsLateNight(e.SaidAt))
                {
                    day.LateNightMessages++;
                }

                _uses.Add(e.SaidAt);
                break;
            case JournalEntryWritten e:
                // A celebrated connection names its person in 'with'; any other entry by the text rule.
                DayOf(e.OccurredAt).JournalNamedSomeone |= !string.IsNullOrWhiteSpace(e.Fields?.With) || NamesAPerson.In(e.Text);
                break;
            default:
                break;
        }
    }

    /// <summary>The view as of <paramref name="now"/>: every period from the first day seen to now.</summary>
    public Rhythm Build(DateTimeOffset now)
    {
        var periods = ImmutableArray.CreateBuilder<RhythmPeriod>();
        if (_days.Count > 0)
        {
            var last = PeriodStart(LocalDate(now));
            for (var start = PeriodStart(_days.Keys.First()); start <= last; start = Next(start))
            {
                var end = Next(start);
                var days = _days.Where(d => d.Key >= start && d.Key < end).Select(d => d.Value).ToList();
                var messages = days.Sum(d => d.Messages);
                var lateNight = days.Sum(d => d.LateNightMessages);
                periods.Add(new RhythmPeriod(
                    start,
                    days.Sum(d => d.Sessions),
                    messages,
                    lateNight,
                    messages == 0 ? 0 : Math.Round((double)lateNight / messages, 4),
                    days.Count(d => d.JournalNamedSomeone),
                    days.Count(d => !d.JournalNamedSomeone && d.Sessions + d.Messages > 0)));
            }
        }

        return new Rhythm(by == RhythmPeriodKind.Week ? "week" : "month", zone.Id, periods.ToImmutable(), LongestStretch(now));
    }

    private RhythmStretch? LongestStretch(DateTimeOffset now)
    {
        if (_uses.Count == 0)
        {
            return null;
        }

        var ordered = _uses.Order().ToList();
        var longest = new RhythmStretch(ordered[^1], now, 0, Ongoing: true);
        longest = longest with { Days = Days(longest) };
        for (var i = 1; i < ordered.Count; i++)
        {
            var stretch = new RhythmStretch(ordered[i - 1], ordered[i], 0, Ongoing: false);
            if (ordered[i] - ordered[i - 1] > longest.To - longest.From)
            {
                longest = stretch with { Days = Days(stretch) };
            }
        }

        return longest;
    }

    private static double Days(RhythmStretch stretch) => Math.Round((stretch.To - stretch.From).TotalDays, 4);

    private Day DayOf(DateTimeOffset at)
    {
        var date = LocalDate(at);
        if (!_days.TryGetValue(date, out var day))
        {
            day = new Day();
            _days.Add(date, day);
        }

        return day;
    }

    private DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private bool IsLateNight(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, zone).Hour is >= LateNightFromHour or < LateNightToHour;

    private DateOnly PeriodStart(DateOnly date) => by == RhythmPeriodKind.Week
        ? date.AddDays(-(((int)date.DayOfWeek + 6) % 7))
        : new DateOnly(date.Year, date.Month, 1);

    private DateOnly Next(DateOnly start) => by == RhythmPeriodKind.Week ? start.AddDays(7) : start.AddMonths(1);

    private sealed class Day
    {
        public int Sessions { get; set; }

        public int Messages { get; set; }

        public int LateNightMessages { get; set; }

        public bool JournalNamedSomeone { get; set; }
    }
}

/// <summary>How the rhythm view groups days.</summary>
public enum RhythmPeriodKind
{
    Week = 1,
    Month = 2,
}
