using System.Runtime.InteropServices;

namespace Companion.Recall;

/// <summary>
/// The terms of one keyword index as ids: one string per distinct term, kept once, and the ids
/// a text's terms have, found without making a string for a word already seen.
/// <see cref="TextTerms.Split"/> stays the one definition of a text's terms: a text is cut at ASCII
/// characters that are neither letters nor digits (each of them separates terms there too), each
/// piece is split by <see cref="TextTerms"/> once, and what it gave is remembered for the piece
/// (its ASCII capitals lower-cased; stop words as no term), so the terms of a text are the same
/// terms in the same order whatever <see cref="TextTerms"/> does to a word. Most pieces are their
/// one term, and then the piece and the term are one string and one entry. Pieces too long to be
/// a word people repeat are split by <see cref="TextTerms"/> every time and not remembered.
/// Ids are never reused: a term no document holds any longer keeps its id and its string until
/// the index ends (forgetting is rare, and the index lives only as long as the user's activation).
/// </summary>
internal sealed class TermDictionary
{
    private const int NoTerm = -1;
    private const int NotSplit = -1;

    // Longer pieces are split every time rather than remembered.
    private const int MaxRememberedPiece = TextTerms.MaxTermLength * 2;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    // The term ids of each remembered piece, one range a piece (most hold one term, stop words none).
    private readonly List<int> _pieceTerms = [];

    public TermDictionary() => _byChars = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Ids given so far (the next id is this).</summary>
    public int Count { get; private set; }

    /// <summary>The id of <paramref name="term"/> (a term as <see cref="TextTerms"/> gives it), giving it one when it has none.</summary>
    public int Intern(string term)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, term, out var existed);
        if (!existed)
        {
            entry = new Entry(NoTerm, 0, NotSplit);
        }

        if (entry.Term == NoTerm)
        {
            entry = entry with { Term = Count++ };
        }

        return entry.Term;
    }

    /// <summary>The id of <paramref name="term"/>, or -1 when no document ever held it.</summary>
    public int Find(string term) => _entries.TryGetValue(term, out var entry) ? entry.Term : NoTerm;

    /// <summary>Adds to <paramref name="ids"/> the ids of the terms of <paramref name="text"/>, in order, as <see cref="TextTerms.Split"/> gives them.</summary>
    public void Split(string text, List<int> ids)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<char> lowered = stackalloc char[MaxRememberedPiece];
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            if (IsAsciiSeparator(span[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < span.Length && !IsAsciiSeparator(span[i]))
            {
                i++;
            }

            var piece = span[start..i];
            if (piece.Length <= MaxRememberedPiece)
            {
                // ASCII capitals lower-cased, so "Tonight" and "tonight" are one piece; other
                // characters as written (TextTerms lower-cases them when it splits the piece).
                for (var c = 0; c < piece.Length; c++)
                {
                    lowered[c] = char.IsAsciiLetterUpper(piece[c]) ? (char)(piece[c] | 0x20) : piece[c];
                }

                AddRemembered(lowered[..piece.Length], ids);
            }
            else
            {
                foreach (var term in TextTerms.Split(new string(piece)))
                {
                    ids.Add(Intern(term));
                }
            }
        }
    }

    /// <summary>Roughly the bytes held: each string once, its entry, and the pieces' term ids.</summary>
    public long ApproximateBytes()
    {
        var bytes = 4L * _pieceTerms.Capacity;
        foreach (var key in _entries.Keys)
        {
            bytes += 24 + (2L * key.Length) + 32;
        }

        return bytes;
    }

    private static bool IsAsciiSeparator(char c) => char.IsAscii(c) && !char.IsAsciiLetterOrDigit(c);

    private void AddRemembered(ReadOnlySpan<char> piece, List<int> ids)
    {
        if (_byChars.TryGetValue(piece, out var key, out var entry) && entry.PieceTerms != NotSplit)
        {
            for (var t = 0; t < entry.PieceTerms; t++)
            {
                ids.Add(_pieceTerms[entry.FirstPieceTerm + t]);
            }

            return;
        }

        // First sight of this piece: TextTerms says what it is; its terms are interned first (the
        // piece itself is usually its one term, and then shares the entry and the string).
        key ??= new string(piece);
        var first = _pieceTerms.Count;
        foreach (var term in TextTerms.Split(key))
        {
            var id = Intern(string.Equals(term, key, StringComparison.Ordinal) ? key : term);
            _pieceTerms.Add(id);
            ids.Add(id);
        }

        ref var remembered = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out var existed);
        remembered = new Entry(existed ? remembered.Term : NoTerm, first, _pieceTerms.Count - first);
    }

    /// <param name="Term">The id of the string as a term, or -1 when it is only a piece of text.</param>
    /// <param name="FirstPieceTerm">Where the string's terms as a piece of text start in <see cref="_pieceTerms"/>.</param>
    /// <param name="PieceTerms">How many terms it gives as a piece of text, or -1 when not yet split.</param>
    private readonly record struct Entry(int Term, int FirstPieceTerm, int PieceTerms);
}
