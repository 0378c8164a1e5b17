using Companion.EventLog.IO;

namespace Companion.Continuity.Verification;

/// <summary>
/// Opens an entry for reading but never more than a limit (its declared size, capped by the
/// configured maximum), so an entry whose header lies about its size still cannot expand without end.
/// </summary>
internal static class BoundedReadStream
{
    public static LimitedReadStream Over(Stream inner, string entryName, long limit) =>
        new(inner, limit, () => new ArchiveLimitException($"{entryName} expands beyond {limit} bytes, more than it declared or the limit allows."));
}

/// <summary>An entry read past its bound.</summary>
internal sealed class ArchiveLimitException(string message) : Exception(message);
