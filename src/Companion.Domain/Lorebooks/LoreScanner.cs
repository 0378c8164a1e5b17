using System.Collections.Immutable;

namespace Companion.Domain.Lorebooks;

/// <summary>What a scan of the lorebook found: the entries included, in prompt order, and notes on those left out.</summary>
public sealed record LoreScan(ImmutableArray<LoreInclusion> Included, ImmutableArray<LoreNote> Notes)
{
    public static LoreScan None { get; } = new([], []);
}

/// <summary>
/// Chooses the lorebook entries a context includes, following the Character Card V2/V3 lorebook:
/// an enabled entry is included when one of its <c>keys</c> occurs in the last <c>scan_depth</c>
/// messages (or in the query, when one is given), when it is <c>constant</c>, or by <c>@@activate</c>;
/// a <c>selective</c> entry also needs one of its <c>secondary_keys</c> (or SillyTavern's other
/// <c>selectiveLogic</c>); keys are case-insensitive unless <c>case_sensitive</c>, and regular
/// expressions when <c>use_regex</c>. Over the book's <c>token_budget</c>, the lowest
/// <c>priority</c> (else <c>insertion_order</c>) is dropped first; what is kept is ordered by
/// <c>insertion_order</c>.
/// </summary>
public static class LoreScanner
{
    /// <summary>How many recent messages are scanned when neither the book nor the entry says (SillyTavern's default).</summary>
    public const int DefaultScanDepth = 2;

    /// <param name="lore">The companion's lorebook, if any.</param>
    /// <param name="recent">The visible messages, oldest first.</param>
    /// <param name="query">Text to scan instead of the messages.</param>
    /// <param name="fits">Takes an entry's content from the context's budget (characters, and tokens when counted); false when it does not fit.</param>
    public static LoreScan Scan(LorebookState? lore, IReadOnlyList<string> recent, string? query, Func<string, bool> fits)
    {
        if (lore is null || lore.Book.Entries.IsEmpty)
        {
            return LoreScan.None;
        }

        var book = lore.Book;
        var matcher = new LoreKeyMatcher();
        var texts = new Dictionary<int, string>();
        string Text(int depth) => query ?? (texts.TryGetValue(depth, out var t) ? t : texts[depth] = string.Join('\n', recent.Skip(Math.Max(0, recent.Count - depth))));
        string Where(int depth) => query is null ? $"the last {depth} message{(depth == 1 ? "" : "s")}" : "the query";

        var candidates = new List<(LoreInclusion Inclusion, int Index, double Rank)>();
        for (var index = 0; index < book.Entries.Length; index++)
        {
            var entry = book.Entries[index];
            if (!entry.Enabled)
            {
                continue;
            }

            var decorators = LoreDecorators.Parse(entry.Content);
            if (decorators.Body.Length == 0 || (decorators.DontActivate && !decorators.Activate))
            {
                continue;
            }

            var settings = LoreEntrySettings.Of(entry);
            var caseSensitive = entry.CaseSensitive ?? settings.CaseSensitive ?? false;
            var depth = decorators.ScanDepth ?? settings.ScanDepth ?? book.ScanDepth ?? DefaultScanDepth;
            var text = Text(depth);
            bool Has(string key, bool regex) => matcher.Matches(entry.Id, key, text, caseSensitive, settings.WholeWords, regex);

            string reason;
            string? matchedKey = null;
            if (decorators.Activate)
            {
                reason = "@@activate";
            }
            else
            {
                if (entry.Constant == true && !entry.UseRegex)
                {
                    reason = "constant";
                }
                else if (entry.Keys.FirstOrDefault(k => Has(k, entry.UseRegex)) is { } key)
                {
                    matchedKey = key;
                    reason = $"key '{key}' occurred in {Where(depth)}";
                }
                else
                {
                    continue;
                }

                if (!SecondaryHolds(entry, settings.Logic, k => Has(k, false))
                    || (!decorators.AdditionalKeys.IsEmpty && !decorators.AdditionalKeys.Any(k => Has(k, entry.UseRegex)))
                    || decorators.ExcludeKeys.Any(k => Has(k, false)))
                {
                    continue;
                }
            }

            var inclusion = new LoreInclusion(entry.Id, entry.Name ?? entry.Comment, decorators.Body, decorators.Position ?? entry.Position,
                entry.InsertionOrder, reason, matchedKey, Tokens(decorators.Body));
            candidates.Add((inclusion, index, entry.Priority ?? entry.InsertionOrder));
        }

        var notes = ImmutableArray.CreateBuilder<LoreNote>();
        notes.AddRange(matcher.Notes);
        var kept = new List<(LoreInclusion Inclusion, int Index)>();
        var tokens = 0;
        foreach (var (inclusion, index, _) in candidates.OrderByDescending(c => c.Rank).ThenBy(c => c.Index))
        {
            if (book.TokenBudget is > 0 and var budget && tokens + inclusion.Tokens > budget)
            {
                notes.Add(new LoreNote(inclusion.EntryId, $"Matched ({inclusion.Reason}) but left out: the book's token_budget of {budget} was reached by entries of higher priority."));
            }
            else if (!fits(inclusion.Content))
            {
                notes.Add(new LoreNote(inclusion.EntryId, $"Matched ({inclusion.Reason}) but left out: the context's character budget was reached."));
            }
            else
            {
                tokens += inclusion.Tokens;
                kept.Add((inclusion, index));
            }
        }

        return new LoreScan([.. kept.OrderBy(k => k.Inclusion.InsertionOrder).ThenBy(k => k.Index).Select(k => k.Inclusion)], notes.ToImmutable());
    }

    /// <summary>A token taken as four characters, rounded up: the spec leaves counting to the application.</summary>
    public static int Tokens(string text) => (text.Length + 3) / 4;

    private static bool SecondaryHolds(LorebookEntry entry, SelectiveLogic logic, Func<string, bool> has)
    {
        // The spec ignores secondary keys of regex entries.
        if (entry.Selective != true || entry.SecondaryKeys.IsEmpty || entry.UseRegex)
        {
            return true;
        }

        return logic switch
        {
            SelectiveLogic.AndAll => entry.SecondaryKeys.All(has),
            SelectiveLogic.NotAny => !entry.SecondaryKeys.Any(has),
            SelectiveLogic.NotAll => !entry.SecondaryKeys.All(has),
            _ => entry.SecondaryKeys.Any(has),
        };
    }
}
