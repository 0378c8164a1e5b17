using System.Runtime.ExceptionServices;
using Companion.Continuity.Spooling;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;

namespace Companion.Continuity;

/// <summary>
/// Exports a user's history from the event log: opens the user's key and writes the whole archive,
/// up to the head read at the start, into a private encrypted spool file (<see cref="SpoolDirectory"/>),
/// reading the stream once through the fold; a damaged envelope is refused by version before a
/// byte reaches the caller, not found half-way through a download. The checked archive is then
/// copied out as it is. (It used to fold the whole stream to check it and then read and fold it
/// again to write: two passes over the log for one archive.)
/// </summary>
/// <param name="log">The event log the history is read from.</param>
/// <param name="keys">Opens the user's data key, which goes into the archive.</param>
/// <param name="registry">Reads the payloads.</param>
/// <param name="clock">The time written as <c>exportedAt</c>; the system clock when null.</param>
/// <param name="spools">Where the archive and its transcripts are spooled while it is written; a private temporary directory when null.</param>
public sealed class ArchiveExporter(IEventLog log, StreamKeys keys, EventTypeRegistry registry, TimeProvider? clock = null, SpoolDirectory? spools = null)
{
    /// <summary>The export of <paramref name="stream"/>, written, checked and ready to send; null when it has no events.</summary>
    /// <exception cref="StreamDamagedException">An envelope of the stream is damaged; nothing was sent.</exception>
    /// <exception cref="StreamErasedException">The user was erased.</exception>
    public async Task<ArchiveExport?> PrepareAsync(string stream, CancellationToken cancellationToken = default)
    {
        using var cipher = await keys.OpenAsync(stream, cancellationToken);
        var head = await log.GetHeadAsync(stream, cancellationToken);
        if (head.Version == 0)
        {
            return null;
        }

        var spool = (spools ?? SpoolDirectory.Temporary).CreateFile();
        try
        {
            ArchiveManifest manifest;
            try
            {
                manifest = await new ArchiveWriter(registry, clock, spools).WriteAsync(spool, Upto(stream, head, cancellationToken), cipher, cancellationToken);
            }
            catch (InvalidDataException e) when (e.InnerException is StreamDamagedException damaged)
            {
                ExceptionDispatchInfo.Throw(damaged);
                throw;
            }

            if (manifest.StreamVersion != head.Version)
            {
                throw new StreamDamagedException(stream, manifest.StreamVersion + 1, $"version {manifest.StreamVersion + 1} is missing: the log ends at version {manifest.StreamVersion}, before its head {head.Version}.");
            }

            spool.Position = 0;
            return new ArchiveExport(stream, head, manifest, spool);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    private IAsyncEnumerable<EventEnvelope> Upto(string stream, StreamHead head, CancellationToken cancellationToken) =>
        log.ReadAsync(stream, 1, cancellationToken).TakeWhile(e => e.Version <= head.Version);
}

/// <summary>
/// A checked export, written to a private encrypted spool and ready to send once; the spool file
/// is deleted when the export is disposed. Its archive ends at <see cref="Head"/>, however many
/// events arrived meanwhile, so its name and contents agree.
/// </summary>
public sealed class ArchiveExport : IDisposable
{
    private readonly Stream _archive;
    private int _sent;

    internal ArchiveExport(string stream, StreamHead head, ArchiveManifest manifest, Stream archive)
    {
        Stream = stream;
        Head = head;
        Manifest = manifest;
        _archive = archive;
    }

    /// <summary>The stream exported.</summary>
    public string Stream { get; }

    /// <summary>The head the archive ends at.</summary>
    public StreamHead Head { get; }

    /// <summary>The manifest written into the archive.</summary>
    public ArchiveManifest Manifest { get; }

    /// <summary>The archive's size in bytes.</summary>
    public long Length => _archive.Length;

    /// <summary>Sends the archive to <paramref name="destination"/>, which is left open; once only.</summary>
    /// <returns>The manifest written into the archive.</returns>
    public async Task<ArchiveManifest> WriteAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (Interlocked.Exchange(ref _sent, 1) != 0)
        {
            throw new InvalidOperationException("This export was already sent; prepare a new one.");
        }

        await _archive.CopyToAsync(destination, 1 << 16, cancellationToken);
        await destination.FlushAsync(cancellationToken);
        return Manifest;
    }

    /// <inheritdoc />
    public void Dispose() => _archive.Dispose();
}
