using Companion.Continuity.Spooling;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;

namespace Companion.Continuity;

/// <summary>
/// Exports a user's history from the event log: opens the user's key, checks the whole stream
/// through the fold before a byte is written (a damaged envelope is refused by version, not found
/// half-way through a download), then streams the archive up to the head read at the start.
/// </summary>
/// <param name="log">The event log the history is read from.</param>
/// <param name="keys">Opens the user's data key, which goes into the archive.</param>
/// <param name="registry">Reads the payloads.</param>
/// <param name="clock">The time written as <c>exportedAt</c>; the system clock when null.</param>
/// <param name="spools">Where transcripts are spooled while the archive is written; a private temporary directory when null.</param>
public sealed class ArchiveExporter(IEventLog log, StreamKeys keys, EventTypeRegistry registry, TimeProvider? clock = null, SpoolDirectory? spools = null)
{
    /// <summary>The export of <paramref name="stream"/>, checked and ready to write; null when it has no events.</summary>
    /// <exception cref="StreamDamagedException">An envelope of the stream is damaged; nothing was written.</exception>
    /// <exception cref="StreamErasedException">The user was erased.</exception>
    public async Task<ArchiveExport?> PrepareAsync(string stream, CancellationToken cancellationToken = default)
    {
        var cipher = await keys.OpenAsync(stream, cancellationToken);
        try
        {
            var head = await log.GetHeadAsync(stream, cancellationToken);
            if (head.Version == 0)
            {
                cipher?.Dispose();
                return null;
            }

            var fold = new StreamFold(registry, cipher, new FoldStart(stream, Domain.State.UserState.Empty, StreamHead.Empty));
            await foreach (var envelope in Upto(stream, head, cancellationToken))
            {
                fold.Add(envelope);
            }

            return fold.Head == head
                ? new ArchiveExport(stream, head, cipher, (destination, c) => new ArchiveWriter(registry, clock, spools).WriteAsync(destination, Upto(stream, head, c), cipher, c))
                : throw new StreamDamagedException(stream, fold.Head.Version + 1, $"version {fold.Head.Version + 1} is missing: the log ends at version {fold.Head.Version}, before its head {head.Version}.");
        }
        catch
        {
            cipher?.Dispose();
            throw;
        }
    }

    private IAsyncEnumerable<EventEnvelope> Upto(string stream, StreamHead head, CancellationToken cancellationToken) =>
        log.ReadAsync(stream, 1, cancellationToken).TakeWhile(e => e.Version <= head.Version);
}

/// <summary>
/// A checked export, ready to write once; holds the user's key until disposed. Its archive ends at
/// <see cref="Head"/>, however many events arrive meanwhile, so its name and contents agree.
/// </summary>
/// <param name="stream">The stream exported.</param>
/// <param name="head">The head the archive ends at.</param>
/// <param name="cipher">The user's key, disposed with the export.</param>
/// <param name="write">Writes the archive.</param>
public sealed class ArchiveExport(string stream, StreamHead head, PayloadCipher? cipher, Func<Stream, CancellationToken, Task<ArchiveManifest>> write) : IDisposable
{
    /// <summary>The stream exported.</summary>
    public string Stream => stream;

    /// <summary>The head the archive ends at.</summary>
    public StreamHead Head => head;

    /// <summary>Writes the archive to <paramref name="destination"/>, which is left open.</summary>
    public Task<ArchiveManifest> WriteAsync(Stream destination, CancellationToken cancellationToken = default) => write(destination, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => cipher?.Dispose();
}
