using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Companion.Continuity.Chats;

/// <summary>
/// The times SillyTavern has written into chats over the years, read as its own
/// <c>timestampToMoment</c> reads them: epoch milliseconds (a number or a string of digits),
/// ISO 8601, the humanised local time "July 5, 2024 4:37pm" (no zone: read at the offset given),
/// and the "2024-07-12@01h31m37s123ms", "2024-7-12@01h31m37s" and "2024-6-5 @14h 56m 50s 682ms"
/// forms, which it reads as UTC.
/// </summary>
public static partial class SillyTavernDates
{
    /// <summary>The time a value states, or null when it states none this reader knows.</summary>
    /// <param name="value">A <c>send_date</c> or <c>create_date</c> value.</param>
    /// <param name="offset">The offset of local times without a zone; null for UTC.</param>
    /// <param name="local">True when the value was a local time without a zone.</param>
    public static DateTimeOffset? Parse(JsonNode? value, TimeSpan? offset, out bool local)
    {
        local = false;
        if (value is not JsonValue scalar)
        {
            return null;
        }

        if (scalar.GetValueKind() == JsonValueKind.Number)
        {
            return scalar.TryGetValue<long>(out var ms) ? FromEpochMilliseconds(ms)
                : scalar.TryGetValue<double>(out var fractional) && double.IsFinite(fractional) ? FromEpochMilliseconds((long)fractional)
                : null;
        }

        return scalar.TryGetValue<string>(out var text) ? Parse(text.Trim(), offset, out local) : null;
    }

    /// <summary>SillyTavern's <c>create_date</c> form, <c>2024-07-05@16h37m12s</c>, in UTC (as it reads that form back).</summary>
    public static string Humanized(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'@'HH'h'mm'm'ss's'", CultureInfo.InvariantCulture);

    /// <summary>A <c>send_date</c> every SillyTavern version reads exactly: ISO 8601 in UTC with milliseconds.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string text, TimeSpan? offset, out bool local)
    {
        local = false;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? FromEpochMilliseconds(ms) : null;
        }

        if (IsoPattern().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            return iso;
        }

        if (Meridiem().Match(text) is { Success: true } m
            && DateTime.TryParseExact(m.Groups["month"].Value, "MMMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            && Fields(m, out var year, out var day, out var hour, out var minute))
        {
            var hour24 = (hour % 12) + (m.Groups["meridiem"].Value.Equals("pm", StringComparison.OrdinalIgnoreCase) ? 12 : 0);
            local = true;
            return At(year, month.Month, day, hour24, minute, 0, 0, offset ?? TimeSpan.Zero);
        }

        foreach (var pattern in (ReadOnlySpan<Regex>)[Humanized(), HumanizedSpaced()])
        {
            if (pattern.Match(text) is { Success: true } h
                && int.TryParse(h.Groups["month"].Value, CultureInfo.InvariantCulture, out var month2)
                && Fields(h, out var year2, out var day2, out var hour2, out var minute2)
                && int.TryParse(h.Groups["second"].Value, CultureInfo.InvariantCulture, out var second))
            {
                var ms = h.Groups["ms"].Success ? int.Parse(h.Groups["ms"].Value, CultureInfo.InvariantCulture) : 0;
                return At(year2, month2, day2, hour2, minute2, second, ms, TimeSpan.Zero);
            }
        }

        return null;
    }

    private static bool Fields(Match m, out int year, out int day, out int hour, out int minute)
    {
        minute = hour = day = 0;
        return int.TryParse(m.Groups["year"].Value, CultureInfo.InvariantCulture, out year)
            && int.TryParse(m.Groups["day"].Value, CultureInfo.InvariantCulture, out day)
            && int.TryParse(m.Groups["hour"].Value, CultureInfo.InvariantCulture, out hour)
            && int.TryParse(m.Groups["minute"].Value, CultureInfo.InvariantCulture, out minute);
    }

    private static DateTimeOffset? At(int year, int month, int day, int hour, int minute, int second, int ms, TimeSpan offset)
    {
        try
        {
            return new DateTimeOffset(year, month, day, hour, minute, second, ms, offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static DateTimeOffset? FromEpochMilliseconds(long ms) =>
        ms is >= 0 and <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"\A\s*(?<month>[A-Za-z]+)\s(?<day>\d{1,2}),\s(?<year>\d{4})\s(?<hour>\d{1,2}):(?<minute>\d{1,2})\s?(?<meridiem>am|pm)\s*\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Meridiem();

    [GeneratedRegex(@"\A\s*(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})@(?<hour>\d{1,2})h(?<minute>\d{1,2})m(?<second>\d{1,2})s((?<ms>\d{1,3})ms)?\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Humanized();

    [GeneratedRegex(@"\A\s*(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2}) @(?<hour>\d{1,2})h (?<minute>\d{1,2})m (?<second>\d{1,2})s (?<ms>\d{1,3})ms\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex HumanizedSpaced();
}
