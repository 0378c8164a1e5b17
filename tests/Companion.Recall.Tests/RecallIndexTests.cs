using Companion.Domain.Events;
using Companion.Domain.Projections.Recall;

namespace Companion.Recall.Tests;

public sealed class RecallIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keyword_search_ranks_the_item_with_the_rarer_query_word_first_and_names_the_words_it_matched()
    {
        var index = new RecallIndex();
        index.Apply(Memory("m1", "We walked the dog in the park"), 1);
        index.Apply(Memory("m2", "The dog chewed the marmalade jar"), 2);
        index.Apply(Memory("m3", "A dog barked at the postman"), 3);

        var hits = index.Search("dog marmalade", null, null, _ => true, 10, Now, new RecallTuning());

        Assert.Equal("m2", hits[0].Id);
        Assert.Equal(RecallMatch.Keyword, hits[0].MatchedBy);
        Assert.Equal(["dog", "marmalade"], hits[0].MatchedTerms.Order());
        Assert.Equal(3, hits.Length);
    }

    [Fact]
    public void A_forgotten_memory_leaves_the_index()
    {
        var index = new RecallIndex();
        index.Apply(Memory("m1", "The zeppelin over the harbour"), 1);
        index.Apply(new MemoryForgotten("c1", "m1", Now), 2);

        Assert.Empty(index.Search("zeppelin", null, null, _ => true, 10, Now, new RecallTuning()));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Vectors_of_another_model_are_never_compared_with_the_query()
    {
        var index = new RecallIndex();
        var memory = index.Apply(Memory("m1", "Ada called back"), 1)!;
        index.SetVector(memory.Slot, "model-a", [1, 0, 0]);

        Assert.Empty(index.Search("phone", [1, 0, 0], "model-b", _ => true, 10, Now, new RecallTuning()));
        Assert.Equal(RecallMatch.Semantic, index.Search("phone", [1, 0, 0], "model-a", _ => true, 10, Now, new RecallTuning())[0].MatchedBy);
    }

    [Theory]
    [InlineData("(a+)+$ .* [^\\]] \\d{1,999999} (?<x>y) *")]
    [InlineData("\uD800 lone surrogate \uDFFF and \u0000 nul \u202E rtl \u200B zwsp")]
    [InlineData("👩‍👩‍👧 emoji, 漢字かなカナ, عربى, हिन्दी, ﷽, Ⅻ, ½, ̀ combining, \t\r\n")]
    public void Hostile_text_indexes_and_searches_without_throwing(string text)
    {
        var index = new RecallIndex();
        index.Apply(Memory("m1", text), 1);

        var hits = index.Search(text, null, null, _ => true, 10, Now, new RecallTuning());

        Assert.True(hits.Length <= 1);
    }

    [Fact]
    public void Terms_are_lower_cased_letters_and_digits_of_any_script_without_stop_words()
    {
        Assert.Equal(["ada", "called", "back", "1999", "漢字かなカナ", "café"], TextTerms.Split("Ada CALLED me back in 1999! 漢字かなカナ — café"));
    }

    internal static MemoryRecorded Memory(string id, string text, double salience = 0.5) =>
        new("c1", id, text, "fact", salience, false, null, Now.AddDays(-1));
}
