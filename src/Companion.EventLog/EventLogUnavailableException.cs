namespace Companion.EventLog;

/// <summary>
/// The storage refused a write (disk full, read-only, an I/O error, a file that cannot be
/// opened). Unlike a timeout, this is an answer: retrying at once will meet the same refusal,
/// so callers should fail fast and tell their own callers to come back later.
/// </summary>
/// <param name="message">What the storage said, without any stored content.</param>
/// <param name="mayHaveBeenWritten">
/// False when the storage refused before committing, so nothing of the write is stored; true
/// when the refusal came while committing, so the stream's head must decide.
/// </param>
/// <param name="innerException">The provider's own error.</param>
public sealed class EventLogUnavailableException(string message, bool mayHaveBeenWritten, Exception? innerException = null)
    : IOException(message, innerException)
{
    /// <summary>True when the write may still have been stored: read the stream's head to know.</summary>
    public bool MayHaveBeenWritten { get; } = mayHaveBeenWritten;
}
