using Companion.Domain.Events;
using Companion.Domain.Projections.Recall;
using Companion.Testing.Recall;
using Xunit.Abstractions;

namespace Companion.Recall.Tests;

/// <summary>
/// Recall quality on <see cref="LabelledRecallSet"/> with the real local model: alone (390 texts)
/// and among a crowd of <see cref="LabelledRecallFixture.CrowdSize"/> generated messages, the
/// setting recall is reported in (docs/BENCHMARKS.md, Recall).
/// </summary>
public sealed class RecallQualityTests(LabelledRecallFixture fixture, ITestOutputHelper output) : IClassFixture<LabelledRecallFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fused_recall_at_5_beats_keyword_and_semantic_alone_among_a_crowd_of_look_alikes()
    {
        var (keyword, semantic, fused) = Measure(fixture.Index(crowd: true));

        // Measured with the defaults, decided on the tuning half (even-numbered queries), 74
        // queries among 5,390 texts: recall@5 keyword 48, semantic 56, fused 62; held-out half
        // 27, 29, 32. Meaning loses answers to the crowd's look-alikes (hundreds of other lockers,
        // parcels, doses); their names, codes and rare words still find them.
        Assert.True(fused.Found(5) > keyword.Found(5), $"fused@5 {fused.Found(5)} must beat keyword@5 {keyword.Found(5)}");
        Assert.True(fused.Found(5) > semantic.Found(5), $"fused@5 {fused.Found(5)} must beat semantic@5 {semantic.Found(5)}");
        Assert.True(fused.Found(5, heldOut: true) > keyword.Found(5, heldOut: true), "fused@5 must beat keyword@5 on the held-out half");
        Assert.True(fused.Found(5, heldOut: true) > semantic.Found(5, heldOut: true), "fused@5 must beat semantic@5 on the held-out half");
        Assert.True(fused.Found(1) > Math.Max(keyword.Found(1), semantic.Found(1)), $"fused@1 {fused.Found(1)} must beat keyword@1 {keyword.Found(1)} and semantic@1 {semantic.Found(1)}");
    }

    [Fact]
    public void Fused_recall_ties_semantic_at_5_and_beats_both_at_1_on_the_labelled_set_alone()
    {
        var (keyword, semantic, fused) = Measure(fixture.Index(crowd: false));

        // Measured with the defaults, 74 queries among 390 texts: recall@5 keyword 50, semantic 69,
        // fused 69; recall@1 47, 53, 62. The five queries meaning misses in its first five share
        // no word with their answer but one ("my breakfast drink", "drinks" once plurals fold),
        // and that one a fused search of the small set gains and loses again to "what is my dog
        // called" (docs/BENCHMARKS.md, Recall).
        Assert.True(fused.Found(5) > keyword.Found(5), $"fused@5 {fused.Found(5)} must beat keyword@5 {keyword.Found(5)}");
        Assert.True(fused.Found(5) >= semantic.Found(5), $"fused@5 {fused.Found(5)} must not lose to semantic@5 {semantic.Found(5)}");
        Assert.True(fused.Found(5, heldOut: true) >= semantic.Found(5, heldOut: true), "fused@5 must not lose to semantic@5 on the held-out half");
        Assert.True(fused.Found(1) > Math.Max(keyword.Found(1), semantic.Found(1)), $"fused@1 {fused.Found(1)} must beat keyword@1 {keyword.Found(1)} and semantic@1 {semantic.Found(1)}");
        Assert.True(fused.Found(1, heldOut: true) >= semantic.Found(1, heldOut: true), "fused@1 must not lose to semantic@1 on the held-out half");
    }

    [Fact]
    public async Task Who_stayed_with_me_finds_Ada_called_back_by_meaning_alone()
    {
        var model = fixture.Model;
        var index = new RecallIndex();
        string[] texts = ["Ada called back", "Their dog Biscuit hates thunderstorms", "Grows tomatoes and basil on the balcony", "Drinks five cups of coffee a day", "Plays online chess late at night"];
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            var document = index.Apply(new MemoryRecorded("c1", $"m{i}", text, "fact", 0.5, false, null, Now), i + 1)!;
            index.SetVector(document.Slot, MiniLmEmbeddingGenerator.ModelId, (await model.GenerateAsync([text]))[0].Vector.ToArray());
        }

        var query = "who stayed with me?";
        var hits = index.Search(query, (await model.GenerateAsync([query]))[0].Vector.ToArray(), MiniLmEmbeddingGenerator.ModelId, _ => true, 3, Now, new RecallTuning());

        output.WriteLine(string.Join("\n", hits.Select(h => $"{h.Text}: {h.MatchedBy}, similarity {h.Similarity}, score {h.Score}")));
        Assert.Equal("Ada called back", hits[0].Text);
        Assert.Equal(RecallMatch.Semantic, hits[0].MatchedBy);
    }

    [Fact]
    public void The_crowd_is_distinct_and_holds_no_name_code_or_number_a_labelled_query_asks_for()
    {
        Assert.Equal(LabelledRecallFixture.CrowdSize, fixture.Crowd.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(fixture.Crowd, LabelledRecallSet.HoldsAnswerToken);
        Assert.Equal(fixture.Crowd, LabelledRecallSet.Crowd(LabelledRecallFixture.CrowdSize));

        // The check itself finds each answer's token, and not a look-alike of it.
        Assert.All(["Locker 4417", "parcel h00ta0019283", "KM12 VXR", "at SE15 4QN.", "Tom's", "took 100mg"], t => Assert.True(LabelledRecallSet.HoldsAnswerToken(t), t));
        Assert.All(["Locker 4471", "H00TA0019823", "KM12 VXT", "SE15 4QP", "Tomorrow", "1000mg"], t => Assert.False(LabelledRecallSet.HoldsAnswerToken(t), t));
    }

    private (RecallTally Keyword, RecallTally Semantic, RecallTally Fused) Measure(RecallIndex index)
    {
        var tuning = new RecallTuning();
        var keyword = new RecallTally();
        var semantic = new RecallTally();
        var fused = new RecallTally();
        output.WriteLine($"{index.Count} texts; query | half | keyword rank | semantic rank | fused rank");
        foreach (var ((query, expected), number) in LabelledRecallSet.Queries.Select((q, i) => (q, i)))
        {
            var vector = fixture.Vector(query);
            var byKeyword = keyword.Add(number, Rank(index.Search(query, null, null, _ => true, 5, Now, tuning), expected));
            var byMeaning = semantic.Add(number, Rank(index.Search("", vector, MiniLmEmbeddingGenerator.ModelId, _ => true, 5, Now, tuning), expected));
            var byBoth = fused.Add(number, Rank(index.Search(query, vector, MiniLmEmbeddingGenerator.ModelId, _ => true, 5, Now, tuning), expected));
            output.WriteLine($"{query} | {RecallTally.Half(number)} | {byKeyword?.ToString() ?? "-"} | {byMeaning?.ToString() ?? "-"} | {byBoth?.ToString() ?? "-"}");
        }

        foreach (var k in (int[])[1, 5])
        {
            output.WriteLine($"recall@{k} over {LabelledRecallSet.Queries.Count} queries (tuning half / held-out half): "
                + $"keyword {keyword.Describe(k)}, semantic {semantic.Describe(k)}, fused {fused.Describe(k)}");
        }

        return (keyword, semantic, fused);
    }

    // The answer's place in the first five (1-based), or null when it is not there.
    private static int? Rank(IReadOnlyList<RecallHit> hits, string expected) =>
        hits.Select((h, i) => (h.Id, Rank: i + 1)).FirstOrDefault(h => h.Id == expected).Rank is var rank and > 0 ? rank : null;
}
