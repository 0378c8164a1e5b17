using Companion.Domain.Events;
using Companion.Domain.Projections.Recall;

namespace Companion.Recall.Tests;

/// <summary>How fusion treats a keyword match that meaning did not rank, with vectors made by hand.</summary>
public sealed class RecallFusionTests
{
    private const string Model = "hand-made";
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_code_meaning_did_not_rank_comes_back_among_look_alikes_that_meaning_ranks_above_it()
    {
        var index = LockerHistory();

        // "which" is in no text: the answer holds about 55% of the query's weight, past the gate.
        var hits = index.Search("which locker is 4417", [1, 0, 0], Model, _ => true, 5, Now, new RecallTuning());

        var answer = Assert.Single(hits, h => h.Id == "answer");
        Assert.Equal(RecallMatch.Keyword, answer.MatchedBy);
        Assert.Null(answer.SemanticRank);
        Assert.Equal(["locker", "4417"], answer.MatchedTerms.ToArray());
    }

    [Fact]
    public void A_match_below_the_gate_that_meaning_did_not_rank_stays_behind_what_meaning_found()
    {
        var index = LockerHistory();

        // The everyday word alone: far below the gate, so meaning's five look-alikes keep their places.
        var hits = index.Search("which locker", [1, 0, 0], Model, _ => true, 5, Now, new RecallTuning());

        Assert.DoesNotContain(hits, h => h.Id == "answer");
        Assert.All(hits, h => Assert.NotNull(h.SemanticRank));
    }

    // Ten other lockers' messages whose vectors lie on the query's, the answer's far from it (meaning
    // does not rank it at all), and ninety messages of small talk on a third axis.
    private static RecallIndex LockerHistory()
    {
        var index = new RecallIndex();
        var version = 0;
        void Say(string id, string text, float[] vector) =>
            index.SetVector(index.Apply(new MessageRecorded("c1", "s1", id, MessageRole.User, text, null, null, Now), ++version)!.Slot, Model, vector);

        Say("answer", "Their locker at the hospital is number 4417", [0, 1, 0]);
        for (var i = 0; i < 10; i++)
        {
            Say($"look-alike{i}", $"Locker {4450 + i} is the one by the door, not mine", [1, 0.01f * i, 0]);
        }

        for (var i = 0; i < 90; i++)
        {
            Say($"talk{i}", $"small talk {i}", [0, 0, 1]);
        }

        return index;
    }
}
