using System.Globalization;
using System.Text;
using Companion.Domain.Projections;
using Companion.Domain.State;

namespace Companion.Continuity.Rendering;

/// <summary>
/// A look-back for people (<c>lookback.md</c>): then and now per practice in the user's own
/// words, the reframes in order, how the moods moved, and each week or month in figures.
/// </summary>
public static class LookbackMarkdown
{
    /// <summary>The look-back as Markdown, UTF-8; <paramref name="owner"/> names whose it is.</summary>
    public static byte[] Render(Lookback lookback, string owner)
    {
        ArgumentNullException.ThrowIfNull(lookback);
        var text = new StringBuilder();
        text.Append("# Look back\n\n");
        text.Append(owner).Append(": ").Append(Count(lookback.Entries, "entry", "entries"))
            .Append(" from ").Append(Markdown.Time(lookback.From)).Append(" to ").Append(Markdown.Time(lookback.To))
            .Append(", by ").Append(lookback.By == LookbackGrouping.Week ? "week" : "month").Append(".\n");
        ThenAndNow(text, lookback);
        Reframes(text, lookback);
        Moods(text, lookback);
        Periods(text, lookback);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void ThenAndNow(StringBuilder text, Lookback lookback)
    {
        text.Append("\n## Then and now\n");
        if (lookback.ThenAndNow.IsEmpty)
        {
            text.Append("\nNo entries in this range.\n");
        }

        foreach (var practice in lookback.ThenAndNow)
        {
            text.Append("\n### ").Append(practice.Practice).Append(" (").Append(Count(practice.Entries, "entry", "entries")).Append(")\n\n");
            Entry(text, practice.Now is null ? "Only" : "Then", practice.Then);
            if (practice.Now is { } now)
            {
                Entry(text, "Now", now);
            }
        }
    }

    private static void Entry(StringBuilder text, string label, JournalEntry entry)
    {
        text.Append(label).Append(", ").Append(Markdown.Time(entry.WrittenAt)).Append(entry.Mood is null ? "" : $" (mood: {entry.Mood})").Append(":\n\n");
        Quote(text, entry.Text);
        foreach (var (name, value) in entry.Fields?.Given() ?? [])
        {
            text.Append(">\n> **").Append(Label(name)).Append(":** ");
            Quote(text, value, firstLineQuoted: true);
        }

        text.Append('\n');
    }

    private static void Reframes(StringBuilder text, Lookback lookback)
    {
        text.Append("\n## Reframes\n\n");
        if (lookback.Reframes.IsEmpty)
        {
            text.Append("No old story reframed in this range.\n");
        }

        for (var i = 0; i < lookback.Reframes.Length; i++)
        {
            var reframe = lookback.Reframes[i];
            text.Append(i + 1).Append(". ").Append(Markdown.Time(reframe.WrittenAt)).Append(": ")
                .Append(OneLine(reframe.OldStory ?? "(old story not written)")).Append(" → ").Append(OneLine(reframe.NewStory ?? "(new story not written)")).Append('\n');
        }
    }

    private static void Moods(StringBuilder text, Lookback lookback)
    {
        text.Append("\n## Moods\n\n");
        if (lookback.Moods.IsEmpty)
        {
            text.Append("No moods named in this range.\n");
            return;
        }

        text.Append("| mood | entries | over the range |\n| --- | ---: | --- |\n");
        foreach (var mood in lookback.Moods)
        {
            text.Append("| ").Append(Cell(mood.Mood)).Append(" | ").Append(mood.Total).Append(" | ").Append(mood.Direction switch
            {
                MoodDirection.Rising => "more often",
                MoodDirection.Falling => "less often",
                _ => "about as often",
            }).Append(" |\n");
        }
    }

    private static void Periods(StringBuilder text, Lookback lookback)
    {
        text.Append("\n## By ").Append(lookback.By == LookbackGrouping.Week ? "week" : "month").Append('\n');
        foreach (var period in lookback.Periods.Where(p => p.Entries > 0))
        {
            text.Append("\n### ").Append(MoodChartSvg.PeriodLabel(period.Start, lookback.By)).Append("\n\n");
            text.Append("- Entries: ").Append(period.Entries).Append(" (").Append(Pairs(period.ByPractice)).Append(")\n");
            if (!period.Moods.IsEmpty)
            {
                text.Append("- Moods: ").Append(Pairs(period.Moods)).Append('\n');
            }

            text.Append("- Check-in days: ").Append(period.CheckInDays).Append('\n');
            if (!period.Connections.IsEmpty)
            {
                text.Append("- Connections celebrated: ")
                    .Append(string.Join(", ", period.Connections.Select(c => $"{OneLine(c.With ?? "someone unnamed")} ×{c.Count}"))).Append('\n');
            }
        }
    }

    private static void Quote(StringBuilder text, string value, bool firstLineQuoted = false)
    {
        var lines = Markdown.Normalize(value).TrimEnd('\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            text.Append(i == 0 && firstLineQuoted ? "" : lines[i].Length == 0 ? ">" : "> ").Append(lines[i]).Append('\n');
        }
    }

    private static string Pairs(IEnumerable<KeyValuePair<string, int>> counts) =>
        string.Join(", ", counts.Select(c => $"{c.Key} {c.Value.ToString(CultureInfo.InvariantCulture)}"));

    private static string Count(int n, string one, string many) => $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";

    private static string OneLine(string value) => Markdown.Normalize(value).Replace('\n', ' ');

    private static string Cell(string value) => OneLine(value).Replace("|", "\\|");

    /// <summary>"oldStory" → "Old story".</summary>
    private static string Label(string name)
    {
        var words = new StringBuilder();
        foreach (var c in name)
        {
            words.Append(char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString());
        }

        return char.ToUpperInvariant(words[0]) + words.ToString(1, words.Length - 1);
    }
}
