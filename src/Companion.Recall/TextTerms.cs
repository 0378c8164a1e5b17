using System.Collections.Frozen;
using System.Text;

namespace Companion.Recall;

/// <summary>
/// Splits text into keyword terms: runs of letters, digits and combining marks, lower-cased,
/// of any script, plurals folded (<see cref="PluralStemmer"/>). Everything else separates terms, so
/// no input (symbols, regex-looking text, unpaired surrogates, control characters) can do more
/// than produce no terms.
/// </summary>
public static class TextTerms
{
    /// <summary>A term longer than this is cut: nothing a person writes is a word this long.</summary>
    public const int MaxTermLength = 48;

    // Words too common to tell one memory from another; they still count towards meaning.
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "did", "do", "for", "from", "had", "has", "have",
        "he", "her", "him", "his", "i", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "she", "so",
        "that", "the", "their", "them", "they", "this", "to", "was", "we", "were", "what", "when", "who", "with", "you", "your",
    ], StringComparer.Ordinal);

    /// <summary>The terms of <paramref name="text"/>, in order, stop words left out, plurals folded.</summary>
    public static List<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();

        // One term's characters (a rune is at most two UTF-16 units): indexing runs on every
        // append, so a term is built in place rather than a string per character.
        Span<char> current = stackalloc char[MaxTermLength * 2];
        var length = 0;
        var runes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var inWord = Rune.IsLetterOrDigit(rune)
                || category is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
            if (inWord)
            {
                if (runes < MaxTermLength)
                {
                    length += Rune.ToLowerInvariant(rune).EncodeToUtf16(current[length..]);
                    runes++;
                }

                continue;
            }

            Flush(terms, current[..length]);
            length = 0;
            runes = 0;
        }

        Flush(terms, current[..length]);
        return terms;
    }

    private static void Flush(List<string> terms, ReadOnlySpan<char> current)
    {
        if (current.IsEmpty)
        {
            return;
        }

        var term = new string(current).Normalize(NormalizationForm.FormC);
        if (!StopWords.Contains(term))
        {
            terms.Add(PluralStemmer.Stem(term));
        }
    }
}
