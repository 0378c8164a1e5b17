using System.Collections.Frozen;
using System.Text;

namespace Companion.Recall;

/// <summary>
/// Splits text into keyword terms: runs of letters, digits and combining marks, lower-cased,
/// of any script. Everything else separates terms, so no input (symbols, regex-looking text,
/// unpaired surrogates, control characters) can do more than produce no terms.
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

    /// <summary>The terms of <paramref name="text"/>, in order, stop words left out.</summary>
    public static List<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        var current = new StringBuilder();
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
                    current.Append(Rune.ToLowerInvariant(rune).ToString());
                    runes++;
                }

                continue;
            }

            Flush(terms, current);
            runes = 0;
        }

        Flush(terms, current);
        return terms;
    }

    private static void Flush(List<string> terms, StringBuilder current)
    {
        if (current.Length == 0)
        {
            return;
        }

        var term = current.ToString().Normalize(NormalizationForm.FormC);
        current.Clear();
        if (!StopWords.Contains(term))
        {
            terms.Add(term);
        }
    }
}
