using System.Globalization;
using System.Text;
using Companion.Domain.Projections;

namespace Companion.Continuity.Rendering;

/// <summary>
/// Moods over time as a stacked bar chart (<c>moods.svg</c>): one bar per period, one segment per
/// mood named in it. Written by hand, every piece of text escaped, no scripts, no external
/// references, so it is safe to show as an image or inline in a page.
/// </summary>
public static class MoodChartSvg
{
    private const int Width = 960;
    private const int Height = 360;
    private const int Left = 48;
    private const int Right = 180;
    private const int Top = 40;
    private const int Bottom = 56;

    // Calm colours for the seeded moods, in the catalogue's order; other moods take the rest in turn.
    private static readonly string[] Palette =
        ["#5b8fb9", "#e0a458", "#c75c5c", "#8d8d99", "#6aab73", "#7a6bb5", "#4fa3a5", "#b5739d", "#a3a35b", "#d98c5f"];

    private static readonly string[] SeededMoods = ["calm", "hopeful", "anxious", "tired", "grateful", "lonely", "content", "unsettled"];

    /// <summary>The chart of <paramref name="lookback"/>'s moods, as UTF-8 SVG; <paramref name="owner"/> names whose it is.</summary>
    public static byte[] Render(Lookback lookback, string owner)
    {
        ArgumentNullException.ThrowIfNull(lookback);
        var svg = new StringBuilder();
        var moods = lookback.Moods.Select(m => m.Mood).Order(StringComparer.Ordinal).ToList();
        var colours = Colours(moods);
        var periods = lookback.Periods;
        var highest = Math.Max(1, Enumerable.Range(0, periods.Length).Select(i => lookback.Moods.Sum(m => m.PerPeriod[i])).DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = periods.Length == 0 ? plotWidth : (double)plotWidth / periods.Length;

        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
            .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append("\" role=\"img\" aria-labelledby=\"title\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<title id=\"title\">").Append(Escape($"Moods over time: {owner}, by {(lookback.By == LookbackGrouping.Week ? "week" : "month")}")).Append("</title>\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.Append("<text x=\"").Append(Left).Append("\" y=\"24\" font-size=\"16\">").Append(Escape($"Moods over time: {owner}")).Append("</text>\n");
        svg.Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(Top + plotHeight).Append("\" x2=\"").Append(Left + plotWidth)
            .Append("\" y2=\"").Append(Top + plotHeight).Append("\" stroke=\"#333333\"/>\n");
        svg.Append("<text x=\"").Append(Left - 8).Append("\" y=\"").Append(Top + 4).Append("\" text-anchor=\"end\">").Append(highest).Append("</text>\n");
        svg.Append("<text x=\"").Append(Left - 8).Append("\" y=\"").Append(Top + plotHeight).Append("\" text-anchor=\"end\">0</text>\n");

        var labelEvery = Math.Max(1, (int)Math.Ceiling(periods.Length / 12.0));
        for (var i = 0; i < periods.Length; i++)
        {
            var x = Left + (i * slot);
            var y = (double)(Top + plotHeight);
            var label = PeriodLabel(periods[i].Start, lookback.By);
            foreach (var mood in moods)
            {
                var count = lookback.Moods.First(m => m.Mood == mood).PerPeriod[i];
                if (count == 0)
                {
                    continue;
                }

                var height = (double)count / highest * plotHeight;
                y -= height;
                svg.Append("<rect class=\"bar\" data-period=\"").Append(Escape(label)).Append("\" data-mood=\"").Append(Escape(mood))
                    .Append("\" data-count=\"").Append(count).Append("\" x=\"").Append(N(x + (slot * 0.1))).Append("\" y=\"").Append(N(y))
                    .Append("\" width=\"").Append(N(slot * 0.8)).Append("\" height=\"").Append(N(height)).Append("\" fill=\"").Append(colours[mood]).Append("\">")
                    .Append("<title>").Append(Escape($"{label}: {mood} {count}")).Append("</title></rect>\n");
            }

            if (i % labelEvery == 0)
            {
                svg.Append("<text x=\"").Append(N(x + (slot / 2))).Append("\" y=\"").Append(Top + plotHeight + 18).Append("\" text-anchor=\"middle\">")
                    .Append(Escape(label)).Append("</text>\n");
            }
        }

        for (var i = 0; i < moods.Count; i++)
        {
            var y = Top + (i * 20);
            svg.Append("<rect class=\"legend\" x=\"").Append(Width - Right + 20).Append("\" y=\"").Append(y).Append("\" width=\"12\" height=\"12\" fill=\"")
                .Append(colours[moods[i]]).Append("\"/>\n");
            svg.Append("<text x=\"").Append(Width - Right + 38).Append("\" y=\"").Append(y + 11).Append("\">").Append(Escape(moods[i])).Append("</text>\n");
        }

        if (moods.Count == 0)
        {
            svg.Append("<text x=\"").Append(Left + (plotWidth / 2)).Append("\" y=\"").Append(Top + (plotHeight / 2)).Append("\" text-anchor=\"middle\">No moods named in this range.</text>\n");
        }

        svg.Append("</svg>\n");
        return Encoding.UTF8.GetBytes(svg.ToString());
    }

    /// <summary>A period as people name it: <c>2026-03</c> for a month, <c>week of 2026-03-02</c> for a week.</summary>
    public static string PeriodLabel(DateTimeOffset start, LookbackGrouping by) => by == LookbackGrouping.Month
        ? start.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : "week of " + start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Text made safe inside SVG elements and attributes.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when char.IsControl(c) => " ",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static Dictionary<string, string> Colours(List<string> moods)
    {
        var colours = new Dictionary<string, string>(StringComparer.Ordinal);
        var next = SeededMoods.Length;
        foreach (var mood in moods)
        {
            var seeded = Array.IndexOf(SeededMoods, mood);
            colours[mood] = Palette[(seeded >= 0 ? seeded : next++) % Palette.Length];
        }

        return colours;
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
