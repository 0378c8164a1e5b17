using System.Diagnostics;
using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Lorebooks;
using Companion.Domain.Projections;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

/// <summary>The lorebook's semantics in the context, case by case, as the Character Card V2/V3 spec gives them.</summary>
public sealed class LorebookScanTests
{
    private static LorebookEntry Entry(string id, string content, params string[] keys) =>
        new(id, [.. keys], [], content, true, 0, null, false, null, null, null, null, null, null, null, null);

    private static Lorebook Book(params LorebookEntry[] entries) => new(null, null, null, null, null, null, [.. entries], null);

    private static MemoryContext Context(Lorebook book, string[] messages, string? query = null, int budget = 12_000)
    {
        var state = Given.WithSession().Then(new LorebookImported("c_sol", book, LorebookSources.CharacterBook, Given.T0));
        state = state.Then([.. messages.Select((text, i) => (UserEvent)new MessageRecorded("c_sol", "s_1", $"msg_{i}", MessageRole.User, text, null, null, Given.T0))]);
        return MemoryContextProjection.Build(state.Companions["c_sol"], new MemoryContextOptions(BudgetChars: budget, Query: query));
    }

    private static string[] Included(MemoryContext context) => [.. context.Lore.Select(l => l.EntryId)];

    [Fact]
    public void An_entry_is_included_exactly_when_one_of_its_keys_occurs_and_says_which()
    {
        var book = Book(Entry("1", "Dragons sleep in the north.", "dragon", "wyrm"), Entry("2", "The sea is cold.", "ocean"));

        var context = Context(book, ["Tell me about the WYRM of old"]);

        var lore = Assert.Single(context.Lore);
        Assert.Equal(("1", "wyrm", "Dragons sleep in the north."), (lore.EntryId, lore.MatchedKey, lore.Content));
        Assert.Contains("'wyrm'", lore.Reason, StringComparison.Ordinal);
        Assert.Empty(Included(Context(book, ["nothing here"])));
    }

    [Fact]
    public void Case_sensitive_keys_match_only_their_own_case()
    {
        var book = Book(Entry("1", "Ana is a person.", "Ana") with { CaseSensitive = true });

        Assert.Empty(Included(Context(book, ["banana bread"])));
        Assert.Equal(["1"], Included(Context(book, ["I met Ana"])));
    }

    [Fact]
    public void A_selective_entry_needs_a_secondary_key_too()
    {
        var book = Book(Entry("1", "The king's sword.", "sword") with { Selective = true, SecondaryKeys = ["king", "throne"] });

        Assert.Empty(Included(Context(book, ["a sword on the wall"])));
        Assert.Equal(["1"], Included(Context(book, ["the throne and a sword"])));
    }

    [Fact]
    public void Selective_logic_not_any_from_sillytavern_excludes_on_a_secondary_key()
    {
        var book = Book(Entry("1", "Peaceful sword lore.", "sword") with
        {
            Selective = true, SecondaryKeys = ["war"], Extensions = "{\"selectiveLogic\":2}",
        });

        Assert.Equal(["1"], Included(Context(book, ["a sword"])));
        Assert.Empty(Included(Context(book, ["a sword of war"])));
    }

    [Fact]
    public void A_constant_entry_is_always_included_and_a_disabled_one_never()
    {
        var book = Book(
            Entry("always", "World rules.") with { Constant = true },
            Entry("off", "Hidden.", "hello") with { Enabled = false });

        var context = Context(book, ["hello"]);

        var lore = Assert.Single(context.Lore);
        Assert.Equal(("always", "constant", null), (lore.EntryId, lore.Reason, lore.MatchedKey));
    }

    [Fact]
    public void Regex_keys_match_as_patterns_with_and_without_sillytavern_slashes()
    {
        var book = Book(
            Entry("1", "Numbers.", "room \\d{3}") with { UseRegex = true },
            Entry("2", "Slashed.", "/^CAPS/i"));

        Assert.Equal(["1", "2"], Included(Context(book, ["caps: we met in Room 404"])));
        Assert.Empty(Included(Context(book, ["room four"])));
    }

    [Fact]
    public void Only_the_last_scan_depth_messages_are_scanned_and_a_query_replaces_them()
    {
        var book = Book(Entry("1", "Dragons.", "dragon")) with { ScanDepth = 2 };

        Assert.Empty(Included(Context(book, ["a dragon", "one", "two"])));
        Assert.Equal(["1"], Included(Context(book, ["a dragon", "one"])));
        Assert.Equal(["1"], Included(Context(book, ["one", "two"], query: "what about the dragon?")));
        Assert.Empty(Included(Context(book, ["a dragon"], query: "something else")));
    }

    [Fact]
    public void Over_the_token_budget_the_lowest_priority_goes_first_and_is_noted()
    {
        var book = Book(
            Entry("low", new string('l', 40), "x") with { Priority = 1, InsertionOrder = 1 },
            Entry("high", new string('h', 40), "x") with { Priority = 9, InsertionOrder = 3 },
            Entry("mid", new string('m', 40), "x") with { Priority = 5, InsertionOrder = 2 }) with { TokenBudget = 20 };

        var context = Context(book, ["x"]);

        Assert.Equal(["mid", "high"], Included(context));
        Assert.Contains(context.LoreNotes, n => n.EntryId == "low" && n.Note.Contains("token_budget", StringComparison.Ordinal));
    }

    [Fact]
    public void Included_entries_come_in_insertion_order_lowest_first()
    {
        var book = Book(
            Entry("third", "c", "x") with { InsertionOrder = 30 },
            Entry("first", "a", "x") with { InsertionOrder = -5 },
            Entry("second", "b", "x") with { InsertionOrder = 10 });

        Assert.Equal(["first", "second", "third"], Included(Context(book, ["x"])));
    }

    [Fact]
    public void Lore_counts_against_the_context_budget()
    {
        var book = Book(Entry("big", new string('b', 500), "x"));

        var context = Context(book, ["x"], budget: 100);

        Assert.Empty(context.Lore);
        Assert.Contains(context.LoreNotes, n => n.EntryId == "big");
    }

    [Fact]
    public void Decorators_are_followed_and_trimmed_from_the_content()
    {
        var book = Book(
            Entry("on", "@@activate\n@@position after_desc\n\nAlways here."),
            Entry("off", "@@dont_activate\nNever.", "x"),
            Entry("fallback", "@@unknown_thing 3\n@@@exclude_keys storm\nCalm weather.", "weather"));

        var calm = Context(book, ["x weather"]);
        Assert.Equal(["on", "fallback"], Included(calm));
        Assert.Equal(("Always here.", "after_desc"), (calm.Lore[0].Content, calm.Lore[0].Position));
        Assert.Equal(["on"], Included(Context(book, ["x weather storm"])));
    }

    [Fact]
    public void A_catastrophic_pattern_returns_quickly_and_is_reported_never_matched()
    {
        var book = Book(
            Entry("nested", "Never.", "(a+)+$") with { UseRegex = true },
            Entry("backref", "Never.", "^(a+)+\\1$") with { UseRegex = true },
            Entry("broken", "Never.", "(unclosed") with { UseRegex = true },
            Entry("fine", "Yes.", "aaa"));
        var hostile = new string('a', 30_000) + "!";

        var clock = Stopwatch.StartNew();
        var context = Context(book, [hostile]);
        clock.Stop();

        Assert.Equal(["fine"], Included(context));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the scan took {clock.Elapsed}: each pattern has a 50 ms budget");
        Assert.Contains(context.LoreNotes, n => n.EntryId == "backref" && n.Note.Contains("50 ms", StringComparison.Ordinal));
        Assert.Contains(context.LoreNotes, n => n.EntryId == "broken" && n.Note.Contains("not a valid", StringComparison.Ordinal));
    }

    [Fact]
    public void Entries_are_set_disabled_and_removed_as_events_and_the_state_holds_the_current_book()
    {
        var state = Given.WithCompanion();
        var book = Book(Entry("1", "One.", "one"), Entry("2", "Two.", "two"));
        state = state.Then(LorebookDecisions.Import(state, "c_sol", book, LorebookSources.CharacterBook, Given.T0));
        state = state.Then(LorebookDecisions.SetEntry(state, "c_sol", Entry("3", "Three.", "three"), Given.T0));
        state = state.Then(LorebookDecisions.SetEntry(state, "c_sol", Entry("1", "One, edited.", "one"), Given.T0));
        state = state.Then(LorebookDecisions.DisableEntry(state, "c_sol", "2", Given.T0));
        var disabledAt = state.Version;
        state = state.Then(LorebookDecisions.RemoveEntry(state, "c_sol", "3", Given.T0));

        var lore = Assert.IsType<LorebookState>(state.Companions["c_sol"].Lorebook);
        Assert.Equal(["1", "2"], lore.Book.Entries.Select(e => e.Id));
        Assert.Equal(("One, edited.", false), (lore.Book.Entries[0].Content, lore.Book.Entries[1].Enabled));
        Assert.Equal((disabledAt + 1, false), (lore.ChangedVersion, lore.IsTheCardsOwn));
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => LorebookDecisions.DisableEntry(state, "c_sol", "2", Given.T0)).Kind);
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => LorebookDecisions.RemoveEntry(state, "c_sol", "3", Given.T0)).Kind);
    }

    [Fact]
    public void A_book_with_two_entries_of_one_id_is_refused_with_what_to_fix()
    {
        var error = Assert.Throws<DomainException>(() =>
            LorebookDecisions.Import(Given.WithCompanion(), "c_sol", Book(Entry("1", "a", "x"), Entry("1", "b", "y")), LorebookSources.CharacterBook, Given.T0));

        Assert.Contains("'1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_companion_without_a_lorebook_has_no_lore_in_its_context()
    {
        var context = MemoryContextProjection.Build(Given.WithCompanion().Companions["c_sol"], new MemoryContextOptions());

        Assert.Equal((0, 0), (context.Lore.Length, context.LoreNotes.Length));
    }
}
