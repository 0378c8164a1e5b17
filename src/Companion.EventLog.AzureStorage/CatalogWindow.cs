namespace Companion.EventLog.AzureStorage;

/// <summary>A stream as one listing showed it: its encoded name and its segments in order.</summary>
internal sealed record ListedStream(string Encoded, IReadOnlyList<SegmentBlob> Segments);

/// <summary>
/// What one listing request saw: every stream whose encoded name sorts after
/// <see cref="StartAfter"/> ("" for the first) up to and including the last of
/// <see cref="Streams"/>, or to the end of the container when <see cref="Exhausted"/>. A stream
/// whose segments the listing page cut off is left to the next window, so each stream listed is
/// whole.
/// </summary>
/// <param name="StartAfter">The encoded name the listing started after.</param>
/// <param name="Streams">The streams listed, in order.</param>
/// <param name="Exhausted">Whether the listing reached the container's last stream.</param>
/// <param name="PageSize">How many blobs the listing asked for, so the next window of the same pass can ask for more.</param>
/// <param name="ListedAt">When the listing was made (<see cref="TimeProvider"/> timestamp).</param>
internal sealed record CatalogWindow(string StartAfter, IReadOnlyList<ListedStream> Streams, bool Exhausted, int PageSize, long ListedAt)
{
    /// <summary>The last encoded name this window answers for; null when it answers to the end.</summary>
    public string? End => Exhausted ? null : Streams[^1].Encoded;

    /// <summary>Whether the streams after <paramref name="cursor"/> start inside this window.</summary>
    public bool Covers(string cursor) =>
        string.CompareOrdinal(StartAfter, cursor) <= 0 && (End is null || string.CompareOrdinal(cursor, End) < 0);

    /// <summary>The index of the first stream after <paramref name="cursor"/>.</summary>
    public int FirstAfter(string cursor)
    {
        int low = 0, high = Streams.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(Streams[middle].Encoded, cursor) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
