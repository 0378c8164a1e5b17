using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Journaling;

namespace Companion.Domain.Tests;

public sealed class PracticeEntryTests
{
    [Fact]
    public void The_seeded_catalogue_holds_every_practice_the_issue_names_with_its_own_fields()
    {
        var catalog = PracticeCatalog.Seeded;

        Assert.Equal(
            ["secure-base-check-in", "reframe-old-story", "imagine-secure-response", "celebrate-connection", "internal-weather-report", "corrective-experience", "when-insecurity-shows-up"],
            catalog.Practices.Select(p => p.Kind));
        Assert.Equal(["oldStory", "newStory"], catalog.Find("reframe-old-story")?.Fields.Select(f => f.Name));
        Assert.Equal(["whatHappened", "whatWasExpected", "howItDiffered"], catalog.Find("corrective-experience")?.Fields.Select(f => f.Name));
        Assert.Empty(catalog.Find("secure-base-check-in")?.Fields ?? [new PracticeField("x", "x")]);
        Assert.All(catalog.Practices, p => Assert.NotEmpty(p.Examples));
        Assert.Contains("hopeful", catalog.Moods);
    }

    [Fact]
    public void A_catalogue_naming_a_field_entries_cannot_hold_is_refused()
    {
        const string json = """{"moods":["calm"],"prompts":[{"kind":"k","cadence":"daily","prompt":"p","examples":["e"],"fields":[{"name":"shoeSize","prompt":"?"}]}]}""";

        var error = Assert.Throws<InvalidDataException>(() => PracticeCatalog.Parse(json));

        Assert.Contains("shoeSize", error.Message);
    }

    [Fact]
    public void A_reframe_keeps_its_old_and_new_story_beside_the_text_and_mood()
    {
        var entry = UserDecisions.WriteJournal(Given.Registered(), "j_1", null, "Sam came after all.", "hopeful", null, Given.T0,
            "reframe-old-story", new PracticeFields(OldStory: "People always leave", NewStory: "Some people stay"));
        var state = Given.Registered().Then(entry);

        var written = Assert.Single(state.Journal);
        Assert.Equal(("reframe-old-story", "People always leave", "Some people stay", "hopeful"),
            (written.Practice, written.Fields?.OldStory, written.Fields?.NewStory, written.Mood));
    }

    [Fact]
    public void An_unknown_practice_is_refused_with_the_practices_there_are()
    {
        var error = Assert.Throws<DomainException>(() =>
            UserDecisions.WriteJournal(Given.Registered(), "j_1", null, "text", null, null, Given.T0, "positive-vibes-only"));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("'practice' must be one of", error.Message);
        Assert.Contains("'corrective-experience'", error.Message);
        Assert.DoesNotContain("positive-vibes-only", error.Message);
    }

    [Fact]
    public void A_field_of_another_practice_is_refused_by_name()
    {
        var error = Assert.Throws<DomainException>(() => UserDecisions.WriteJournal(Given.Registered(), "j_1", null, "Coffee with Ada.", null, null, Given.T0,
            "celebrate-connection", new PracticeFields(With: "Ada", OldStory: "nobody calls")));

        Assert.Contains("'fields.oldStory' does not belong to the practice 'celebrate-connection'", error.Message);
        Assert.Contains("with", error.Message);
    }

    [Fact]
    public void Fields_without_a_practice_are_refused_not_kept_without_meaning()
    {
        var error = Assert.Throws<DomainException>(() => UserDecisions.WriteJournal(Given.Registered(), "j_1", null, "text", null, null, Given.T0,
            null, new PracticeFields(PatternNoticed: "checking my phone")));

        Assert.Contains("'fields.patternNoticed'", error.Message);
        Assert.Contains("'practice'", error.Message);
    }

    [Fact]
    public void An_over_long_or_blank_field_is_refused_by_name()
    {
        var tooLong = Assert.Throws<DomainException>(() => UserDecisions.WriteJournal(Given.Registered(), "j_1", null, "text", null, null, Given.T0,
            "reframe-old-story", new PracticeFields(NewStory: new string('a', Limits.PracticeField + 1))));
        var blank = Assert.Throws<DomainException>(() => UserDecisions.WriteJournal(Given.Registered(), "j_1", null, "text", null, null, Given.T0,
            "when-insecurity-shows-up", new PracticeFields(PatternNoticed: "  ")));

        Assert.Contains($"'fields.newStory' is {Limits.PracticeField + 1} characters long", tooLong.Message);
        Assert.Contains("'fields.patternNoticed' is required and must not be blank", blank.Message);
    }

    [Fact]
    public void An_entry_without_a_practice_keeps_the_fingerprint_v1_gave_it()
    {
        var entry = new JournalEntryWritten("j_1", "reframe", "A calm day.", "calm", "r-1", Given.T0);

        Assert.Equal(RequestFingerprint.Of("reframe", "A calm day.", "calm"), entry.Fingerprint());
        Assert.NotEqual(entry.Fingerprint(), (entry with { Practice = "secure-base-check-in" }).Fingerprint());
    }
}
