namespace Companion.Recall;

/// <summary>
/// A light English stemmer that only folds plurals and third-person verbs onto their base form
/// ("drinks" → "drink", "berries" → "berry"; "boxes" → "boxe": a stem need not be a word),
/// after Harman's S-stemmer ("How effective is suffixing?", JASIS 42(1), 1991): a word ending in
/// "ies" (not "eies" or "aies") ends in "y" instead; one ending in "es" (not "aes", "ees" or
/// "oes") loses its "s"; one ending in "s" (not "us" or "ss") loses it; the first rule whose
/// ending fits decides, and its exceptions leave the word as it is. Indexing and queries go
/// through it alike, so a form that folds oddly still meets itself.
/// Two guards of ours: a term holding anything but letters (a code, a number, "km12",
/// "100mg", "h00ta0019283") is never touched, and neither is a term of three letters or fewer
/// ("gas", "yes", "bus"), where an "s" is rarely a plural's.
/// </summary>
public static class PluralStemmer
{
    private const int ShortestStemmed = 4;

    /// <summary>The stem of a lower-case term: the same instance when nothing is folded.</summary>
    public static string Stem(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        if (term.Length < ShortestStemmed || term[^1] != 's' || !AllLetters(term))
        {
            return term;
        }

        if (term.EndsWith("ies", StringComparison.Ordinal))
        {
            return term.EndsWith("eies", StringComparison.Ordinal) || term.EndsWith("aies", StringComparison.Ordinal)
                ? term
                : string.Concat(term.AsSpan(0, term.Length - 3), "y");
        }

        if (term.EndsWith("es", StringComparison.Ordinal))
        {
            return term[^3] is 'a' or 'e' or 'o' ? term : term[..^1];
        }

        return term[^2] is 'u' or 's' ? term : term[..^1];
    }

    private static bool AllLetters(string term)
    {
        foreach (var c in term)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
