using Companion.Domain.Events;
using Companion.Testing.Recall;

namespace Companion.Recall.Tests;

/// <summary>
/// What the keyword index keeps per term and per document: terms found without strings of their
/// own are exactly <see cref="TextTerms.Split"/>'s, and a removed document leaves every posting
/// while a term other documents hold stays.
/// </summary>
public sealed class KeywordIndexRemovalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Texts() =>
    [
        .. LabelledRecallSet.Memories.Select(m => m.Text),
        .. LabelledRecallSet.Distractors().Take(40),
        "Ada CALLED me back in 1999! 漢字かなカナ — café",
        "Don't, won't; well-being & self-care... e-mail: ada@example.org (tel. +44-20-7946-0958)",
        "The THE the tHe a An AND ok OK Ok",
        "ÉCOLE École école Straße STRASSE İstanbul ǅemal ﬁne",
        "e\u0301 cafe\u0301 x,\u0301y \u0301 combining after a comma",
        "a" + new string('b', 60) + " " + new string('c', 47) + " " + new string('d', 49) + " " + new string('e', 100) + " " + new string('f', 200),
        "\uD800 lone surrogate \uDFFF and \u0000 nul \u202E rtl \u200B zwsp",
        "👩‍👩‍👧 emoji, 漢字かなカナ, عربى, हिन्दी, ﷽, Ⅻ, ½, ̀ combining, \t\r\n",
        "(a+)+$ .* [^\\]] \\d{1,999999} (?<x>y) *",
        "",
        "   ,,, ... !!!",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_term_ids_of_a_text_are_the_ids_of_its_terms_as_TextTerms_splits_them(string text)
    {
        var terms = new TermDictionary();

        // Twice: the first time pieces are split by TextTerms, the second they are remembered.
        for (var round = 0; round < 2; round++)
        {
            var ids = new List<int>();
            terms.Split(text, ids);
            Assert.Equal(TextTerms.Split(text).Select(terms.Find), ids);
            Assert.DoesNotContain(-1, ids);
        }
    }

    [Fact]
    public void A_forgotten_memory_leaves_every_posting_and_its_own_words_leave_the_terms()
    {
        var index = new RecallIndex();
        index.Apply(Memory("m1", "The harbour at dawn, gulls and a zeppelin"), 1);
        index.Apply(Memory("m2", "Gulls followed the ferry out of the harbour"), 2);
        var termsBefore = index.Terms;

        index.Apply(new MemoryForgotten("c1", "m1", Now), 3);

        Assert.Equal(DistinctTerms("Gulls followed the ferry out of the harbour"), index.Terms);
        Assert.Equal(termsBefore - 2, index.Terms); // "dawn" and "zeppelin" were m1's alone
        foreach (var word in TextTerms.Split("The harbour at dawn, gulls and a zeppelin"))
        {
            Assert.DoesNotContain(index.Search(word, null, null, _ => true, 10, Now, new RecallTuning()), h => h.Id == "m1");
        }

        Assert.Equal(["m2"], index.Search("harbour gulls", null, null, _ => true, 10, Now, new RecallTuning()).Select(h => h.Id));
        Assert.Empty(index.Search("zeppelin dawn", null, null, _ => true, 10, Now, new RecallTuning()));
    }

    [Fact]
    public void A_superseded_memory_leaves_every_posting_and_its_replacement_is_found()
    {
        var index = new RecallIndex();
        index.Apply(Memory("m1", "Works night shifts at the old hospital"), 1);
        index.Apply(Memory("m2", "Works days at the new clinic", supersedes: "m1"), 2);

        Assert.Equal(1, index.Count);
        Assert.Equal(DistinctTerms("Works days at the new clinic"), index.Terms);
        Assert.Empty(index.Search("night shifts hospital old", null, null, _ => true, 10, Now, new RecallTuning()));
        Assert.Equal(["m2"], index.Search("works", null, null, _ => true, 10, Now, new RecallTuning()).Select(h => h.Id));
    }

    [Fact]
    public void A_term_many_documents_hold_survives_the_removal_of_one_and_scores_as_if_it_had_never_been_there()
    {
        var index = new RecallIndex();
        var fresh = new RecallIndex();
        for (var i = 0; i < 50; i++)
        {
            var text = $"Walked by the harbour again, harbour number {i}";
            index.Apply(Memory($"m{i}", text), i + 1);
            if (i != 17)
            {
                fresh.Apply(Memory($"m{i}", text), i + 1);
            }
        }

        index.Apply(new MemoryForgotten("c1", "m17", Now), 51);

        var hits = index.Search("harbour 17 walked", null, null, _ => true, 100, Now, new RecallTuning());
        var expected = fresh.Search("harbour 17 walked", null, null, _ => true, 100, Now, new RecallTuning());
        Assert.Equal(49, hits.Length);
        Assert.DoesNotContain(hits, h => h.Id == "m17");
        Assert.Equal(expected.Select(h => (h.Id, h.Score)), hits.Select(h => (h.Id, h.Score)));
        Assert.Equal(fresh.Terms, index.Terms);
    }

    [Fact]
    public void Documents_added_out_of_slot_order_and_with_repeated_terms_search_as_in_order()
    {
        var random = new Random(7);
        var documents = Enumerable.Range(0, 300)
            .Select(slot => (Slot: slot, Terms: Enumerable.Range(0, random.Next(1, 12)).Select(_ => "w" + random.Next(20)).ToList()))
            .ToList();
        var inOrder = new KeywordIndex();
        var shuffled = new KeywordIndex();
        foreach (var (slot, terms) in documents)
        {
            inOrder.Add(slot, terms);
        }

        foreach (var (slot, terms) in documents.OrderBy(_ => random.Next()))
        {
            shuffled.Add(slot, terms);
        }

        foreach (var (slot, terms) in documents.Where(d => d.Slot % 7 == 0))
        {
            inOrder.Remove(slot, terms);
            shuffled.Remove(slot, terms);
        }

        for (var w = 0; w < 20; w++)
        {
            var query = new[] { "w" + w, "w" + ((w * 3) % 20) };
            var expected = inOrder.Search(query, _ => true, 50);
            var actual = shuffled.Search(query, _ => true, 50);
            Assert.Equal(expected.Select(m => (m.Slot, m.Score)), actual.Select(m => (m.Slot, m.Score)));
            Assert.DoesNotContain(actual, m => m.Slot % 7 == 0);
        }
    }

    private static int DistinctTerms(string text) => TextTerms.Split(text).Distinct(StringComparer.Ordinal).Count();

    private static MemoryRecorded Memory(string id, string text, string? supersedes = null) =>
        new("c1", id, text, "fact", 0.5, false, null, Now.AddDays(-1), supersedes);
}
