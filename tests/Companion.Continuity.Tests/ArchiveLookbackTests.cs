using System.Xml.Linq;
using Companion.Continuity.Verification;
using Companion.Domain.Events;

namespace Companion.Continuity.Tests;

public sealed class ArchiveLookbackTests
{
    private static History WithPractices()
    {
        var history = History.Sample();
        history.Add(new JournalEntryWritten("j_reframe1", null, "Sam missed the bus. He still came.", "calm", null, history.Next(),
            "reframe-old-story", new PracticeFields(OldStory: "People always leave", NewStory: "Some people stay")));
        history.Add(new JournalEntryWritten("j_connect1", null, "Coffee <b>&</b> cake.", "grateful", null, history.Next(),
            "celebrate-connection", new PracticeFields(With: "Ada")));
        return history;
    }

    [Fact]
    public async Task The_archive_holds_the_look_back_and_the_mood_chart_and_still_verifies()
    {
        var archive = await Archives.WriteAsync(WithPractices().Envelopes);

        var verification = await Archives.VerifyAsync(archive);
        var lookback = Archives.Text(archive, ArchiveFormat.LookbackEntry);
        var chart = XDocument.Parse(Archives.Text(archive, ArchiveFormat.MoodsChartEntry));

        Assert.True(verification.IsValid, verification.Describe());
        Assert.StartsWith("# Look back\n\nRobin: 4 entries", lookback);
        Assert.Contains("1. 2026-03-01 ", lookback);
        Assert.Contains("People always leave → Some people stay", lookback);
        Assert.Contains("Connections celebrated: Ada ×1", lookback);
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.Equal(3, chart.Descendants(svg + "rect").Count(r => (string?)r.Attribute("class") == "bar"));
        Assert.Empty(chart.Descendants(svg + "script"));
    }

    [Fact]
    public async Task The_journal_shows_a_practice_entry_s_fields()
    {
        var journal = Archives.Text(await Archives.WriteAsync(WithPractices().Envelopes), ArchiveFormat.JournalEntry);

        Assert.Contains("Practice: reframe-old-story\n- oldStory: People always leave\n- newStory: Some people stay\n", journal);
    }

    [Fact]
    public async Task A_changed_look_back_is_found_out()
    {
        var archive = await Archives.WriteAsync(WithPractices().Envelopes);

        var changed = Archives.Rewrite(archive, (name, content) =>
            name == ArchiveFormat.LookbackEntry ? System.Text.Encoding.UTF8.GetBytes("# Look back\n\nNothing ever changes.\n") : content);
        var verification = await Archives.VerifyAsync(changed);

        Assert.Contains(verification.Problems, p => p.Kind == ArchiveProblemKind.Mismatch && p.Message.Contains(ArchiveFormat.LookbackEntry));
    }

    [Fact]
    public async Task An_archive_from_before_the_look_back_still_verifies_with_a_note()
    {
        var archive = await Archives.WriteAsync(WithPractices().Envelopes);

        var older = Archives.Rewrite(archive, (name, content) => ArchiveFormat.LaterEntries.Contains(name) ? null : content);
        var verification = await Archives.VerifyAsync(older);

        Assert.True(verification.IsValid, verification.Describe());
        Assert.Contains(verification.Notes, n => n.Contains(ArchiveFormat.LookbackEntry));
    }
}
