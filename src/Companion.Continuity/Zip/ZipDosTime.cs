namespace Companion.Continuity.Zip;

/// <summary>An entry's last-modified time in MS-DOS form (two-second resolution, 1980 to 2107), as ZIP headers hold it.</summary>
internal readonly record struct ZipDosTime(ushort Date, ushort Time)
{
    /// <summary>The clock time of <paramref name="at"/> in its own offset, as System.IO.Compression writes it; clamped to the years DOS times can hold.</summary>
    public static ZipDosTime Of(DateTimeOffset at)
    {
        var time = at.DateTime;
        if (time.Year < 1980)
        {
            return new ZipDosTime((1 << 5) | 1, 0);
        }

        if (time.Year > 2107)
        {
            return new ZipDosTime((127 << 9) | (12 << 5) | 31, (23 << 11) | (59 << 5) | 29);
        }

        return new ZipDosTime(
            (ushort)(((time.Year - 1980) << 9) | (time.Month << 5) | time.Day),
            (ushort)((time.Hour << 11) | (time.Minute << 5) | (time.Second / 2)));
    }
}
