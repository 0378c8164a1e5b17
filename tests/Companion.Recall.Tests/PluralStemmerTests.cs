using Companion.Domain.Events;

namespace Companion.Recall.Tests;

public sealed class PluralStemmerTests
{
    [Theory]
    [InlineData("drinks", "drink")]
    [InlineData("shifts", "shift")]
    [InlineData("berries", "berry")]
    [InlineData("boxes", "boxe")]
    [InlineData("thunderstorms", "thunderstorm")]
    [InlineData("cafés", "café")]
    [InlineData("jonas", "jona")] // a name ending in s folds too, in the text and the query alike
    public void Plurals_fold_onto_one_stem(string word, string stem) => Assert.Equal(stem, PluralStemmer.Stem(word));

    [Theory]
    [InlineData("glass")] // ss
    [InlineData("virus")] // us
    [InlineData("shoes")] // oes
    [InlineData("trees")] // ees
    [InlineData("heroes")] // oes: the first rule whose ending fits decides, no fall-through to "s"
    [InlineData("gas")] // three letters
    [InlineData("drink")]
    public void Words_the_rules_leave_alone_stay_as_they_are(string word) => Assert.Same(word, PluralStemmer.Stem(word));

    [Theory]
    [InlineData("4417")]
    [InlineData("km12")]
    [InlineData("100mg")]
    [InlineData("h00ta0019283")]
    [InlineData("se15")]
    [InlineData("2000s")]
    [InlineData("okafor")]
    [InlineData("wojciechowska")]
    [InlineData("漢字かなカナ")]
    public void Codes_numbers_and_names_not_ending_in_s_are_untouched(string term) => Assert.Same(term, PluralStemmer.Stem(term));

    [Fact]
    public void Splitting_folds_plurals_in_text_and_query_alike()
    {
        Assert.Equal(["drink", "far", "too", "much", "coffee", "five", "cup", "day"], TextTerms.Split("Drinks far too much coffee, five cups a day"));
        Assert.Equal(["jona", "km12", "vxr", "100mg"], TextTerms.Split("Jonas KM12 VXR 100mg"));
    }

    [Fact]
    public void A_query_in_the_singular_finds_the_plural_and_a_name_ending_in_s_still_finds_itself()
    {
        var now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var index = new RecallIndex();
        index.Apply(new MemoryRecorded("c1", "coffee", "Drinks far too much coffee", "fact", 0.5, false, null, now), 1);
        index.Apply(new MemoryRecorded("c1", "brother", "Their older brother Jonas lives in Toronto", "fact", 0.5, false, null, now), 2);
        index.Apply(new MemoryRecorded("c1", "tea", "Switched to rooibos in the evenings", "fact", 0.5, false, null, now), 3);

        Assert.Equal("coffee", Assert.Single(index.Search("my breakfast drink", null, null, _ => true, 5, now, new RecallTuning())).Id);
        Assert.Equal("brother", Assert.Single(index.Search("how is Jonas", null, null, _ => true, 5, now, new RecallTuning())).Id);
        Assert.Equal("tea", Assert.Single(index.Search("evening", null, null, _ => true, 5, now, new RecallTuning())).Id);
    }
}
