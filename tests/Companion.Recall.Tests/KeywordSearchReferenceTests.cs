namespace Companion.Recall.Tests;

/// <summary>
/// The keyword index against a plain BM25 written the simplest way (every document's terms in a
/// list, every score in a dictionary, everything sorted): same documents, same order, same scores.
/// </summary>
public sealed class KeywordSearchReferenceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Keyword_search_returns_what_a_plain_bm25_returns_in_the_same_order_with_the_same_scores(int seed)
    {
        var random = new Random(seed);
        var index = new KeywordIndex();
        var reference = new Dictionary<int, List<string>>();
        var slot = 0;
        for (var step = 0; step < 1_500; step++)
        {
            if (reference.Count > 0 && random.NextDouble() < 0.1)
            {
                // Forgetting: a document leaves the index.
                var gone = reference.Keys.ElementAt(random.Next(reference.Count));
                index.Remove(gone, reference[gone]);
                reference.Remove(gone);
                continue;
            }

            slot += 1 + random.Next(3);
            var terms = Enumerable.Range(0, random.Next(0, 16)).Select(_ => Word(random)).ToList();
            index.Add(slot, terms);
            reference[slot] = terms;
        }

        for (var q = 0; q < 200; q++)
        {
            var query = Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.NextDouble() < 0.1 ? "unheard" : Word(random)).ToList();
            var (modulus, remainder) = (random.Next(1, 4), random.Next(3));
            bool Accept(int s) => modulus == 1 || s % modulus != remainder;
            var take = random.Next(1, 40);

            var expected = Reference(reference, query, Accept, take);
            var actual = index.Search(query, Accept, take);

            Assert.Equal(expected.Select(m => m.Slot), actual.Select(m => m.Slot));
            Assert.Equal(expected.Select(m => m.Score), actual.Select(m => m.Score));
            Assert.Equal(expected.Select(m => m.Coverage), actual.Select(m => m.Coverage));
            Assert.Equal(expected.Select(m => string.Join(' ', m.Terms)), actual.Select(m => string.Join(' ', m.Terms)));
        }
    }

    [Fact]
    public void Keyword_search_asks_whether_to_accept_only_documents_that_would_be_kept()
    {
        var index = new KeywordIndex();
        for (var slot = 0; slot < 10_000; slot++)
        {
            index.Add(slot, ["common", slot % 100 == 0 ? "rare" : "other"]);
        }

        var asked = 0;
        var hits = index.Search(["common", "rare"], _ => ++asked > 0, 10);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => 9_900 - (100 * i)), hits.Select(h => h.Slot));
        Assert.True(asked < 1_000, $"accept was asked {asked} times for 10,000 scored documents");
    }

    // Zipf-like, as in chat: a few words everywhere, most words rare.
    private static string Word(Random random) => "w" + (int)(60 * Math.Pow(random.NextDouble(), 3));

    // BM25 as the index documents it (k1 1.2, b 0.75), without any of its data structures.
    private static List<KeywordMatch> Reference(Dictionary<int, List<string>> documents, List<string> query, Func<int, bool> accept, int take)
    {
        if (documents.Count == 0)
        {
            return [];
        }

        const double k1 = 1.2, b = 0.75;
        var average = Math.Max(1.0, (double)documents.Values.Sum(d => (long)d.Count) / documents.Count);
        var terms = query.Distinct(StringComparer.Ordinal).ToList();
        var idfs = terms.Select(t =>
        {
            var holding = documents.Values.Count(d => d.Contains(t));
            return Math.Log(1 + ((documents.Count - holding + 0.5) / (holding + 0.5)));
        }).ToList();
        var matches = new List<KeywordMatch>();
        foreach (var (slot, words) in documents.Where(d => accept(d.Key)))
        {
            var score = 0.0;
            var held = new List<string>();
            var weight = 0.0;
            for (var t = 0; t < terms.Count; t++)
            {
                var frequency = words.Count(w => w == terms[t]);
                if (frequency > 0)
                {
                    var norm = k1 * (1 - b + (b * words.Count / average));
                    score += idfs[t] * frequency * (k1 + 1) / (frequency + norm);
                    held.Add(terms[t]);
                    weight += idfs[t];
                }
            }

            if (held.Count > 0)
            {
                matches.Add(new KeywordMatch(slot, score, held, weight / idfs.Sum()));
            }
        }

        return [.. matches.OrderByDescending(m => m.Score).ThenByDescending(m => m.Slot).Take(take)];
    }
}
