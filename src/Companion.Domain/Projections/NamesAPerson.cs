namespace Companion.Domain.Projections;

/// <summary>
/// The simple, documented rule by which the rhythm view decides that a journal entry names a
/// person: some word in it is capitalised (an upper-case letter followed by lower-case ones)
/// where capitals are not simply grammar: not at the start of a sentence (the text's start, or
/// after '.', '!', '?' or a line break), and not "I" and its contractions, a weekday or a month.
/// "Called Mum, then met Sam" names a person; "I walked. Rain again." does not. It will be wrong
/// sometimes (a place, a brand); it is a mirror, not a measure.
/// </summary>
public static class NamesAPerson
{
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "I'm", "I've", "I'd", "I'll",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    };

    public static bool In(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var sentenceStart = true;
            foreach (var raw in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var word = raw.Trim('"', '\'', '(', ')', '[', ']', ',', ';', ':', '.', '!', '?', '“', '”', '‘', '’', '«', '»');
                if (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal))
                {
                    word = word[..^2];
                }

                if (!sentenceStart && IsCapitalised(word) && !NotNames.Contains(word))
                {
                    return true;
                }

                sentenceStart = raw.EndsWith('.') || raw.EndsWith('!') || raw.EndsWith('?');
            }
        }

        return false;
    }

    private static bool IsCapitalised(string word) =>
        word.Length >= 2 && char.IsUpper(word[0]) && word.Skip(1).Any(char.IsLower) && !word.Skip(1).Any(char.IsUpper);
}
