namespace Companion.Recall.Tests;

/// <summary>
/// Where each labelled query's answer ranked, split into the half the tuning was decided on
/// (even-numbered queries, from 0) and the held-out half (odd), so a tuning fit to the set shows.
/// </summary>
internal sealed class RecallTally
{
    private readonly List<(int Number, int? Rank)> _ranks = [];

    public static string Half(int number) => number % 2 == 0 ? "tuning" : "held out";

    public int? Add(int number, int? rank)
    {
        _ranks.Add((number, rank));
        return rank;
    }

    /// <summary>Queries whose answer came back in the first <paramref name="k"/>, in all or in the held-out half.</summary>
    public int Found(int k, bool heldOut = false) =>
        _ranks.Count(r => r.Rank <= k && (!heldOut || r.Number % 2 == 1));

    public string Describe(int k) =>
        $"{Found(k)}/{_ranks.Count} ({Found(k) - Found(k, heldOut: true)} / {Found(k, heldOut: true)})";
}
