using System.IO.Hashing;

namespace Companion.Continuity.Zip;

/// <summary>
/// Writes one entry of a <see cref="ZipStreamWriter"/>: its bytes are cut into blocks, each full
/// block is deflated on the thread pool while the caller fills the next, and the deflated blocks
/// go out in order, so a long entry uses the other core while the caller keeps rendering. At most
/// <see cref="ZipStreamWriter.BlocksInFlight"/> blocks are being deflated at once, so the heap stays
/// flat however long the entry. The CRC-32 is taken in order, as each block is handed off.
/// </summary>
internal sealed class ZipEntryWriter(ZipStreamWriter zip, ZipEntryName name, ZipDosTime time, long offset)
{
    private readonly Queue<(DeflateBlock Block, Task Deflated)> _inFlight = new();
    private readonly Crc32 _crc = new();
    private DeflateBlock? _filling;
    private long _uncompressed;
    private long _compressed;

    /// <summary>Adds <paramref name="bytes"/> to the entry.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        while (!bytes.IsEmpty)
        {
            _filling ??= zip.RentBlock();
            var take = Math.Min(_filling.Free, bytes.Length);
            bytes.Span[..take].CopyTo(_filling.Input.AsSpan(_filling.Length));
            _filling.Length += take;
            bytes = bytes[take..];
            if (_filling.Free == 0)
            {
                var full = _filling;
                _filling = null;
                await HandOffAsync(full, last: false, cancellationToken);
            }
        }
    }

    /// <summary>Ends the entry: deflates what is left, writes every block in order, then the data descriptor.</summary>
    public async ValueTask<ZipEntryRecord> CloseAsync(CancellationToken cancellationToken = default)
    {
        var tail = _filling ?? zip.RentBlock();
        _filling = null;
        await HandOffAsync(tail, last: true, cancellationToken);
        while (_inFlight.Count > 0)
        {
            await WriteOldestAsync(cancellationToken);
        }

        var record = new ZipEntryRecord(name, time, offset, _crc.GetCurrentHashAsUInt32(), _compressed, _uncompressed);
        await zip.EndEntryAsync(this, record, cancellationToken);
        return record;
    }

    /// <summary>Waits for the blocks still being deflated (after a failure), so none is reused while a thread still works on it.</summary>
    public async ValueTask AbandonAsync()
    {
        while (_inFlight.TryDequeue(out var oldest))
        {
            try
            {
                await oldest.Deflated;
            }
            catch (Exception)
            {
                // The archive is being abandoned for an earlier failure, which is the one reported.
            }

            zip.ReturnBlock(oldest.Block);
        }

        if (_filling is { } filling)
        {
            zip.ReturnBlock(filling);
            _filling = null;
        }
    }

    private async ValueTask HandOffAsync(DeflateBlock block, bool last, CancellationToken cancellationToken)
    {
        _crc.Append(block.Input.AsSpan(0, block.Length));
        _uncompressed += block.Length;
        var level = zip.Level;
        if (last && _inFlight.Count == 0)
        {
            // A small entry (or the tail of one with nothing in flight): deflating it here costs
            // less than a hop to the thread pool and back.
            block.Deflate(level, last: true);
            _inFlight.Enqueue((block, Task.CompletedTask));
            return;
        }

        _inFlight.Enqueue((block, Task.Run(() => block.Deflate(level, last), cancellationToken)));
        while (_inFlight.Count > 0 && (_inFlight.Count > zip.BlocksInFlight || _inFlight.Peek().Deflated.IsCompleted))
        {
            await WriteOldestAsync(cancellationToken);
        }
    }

    private async ValueTask WriteOldestAsync(CancellationToken cancellationToken)
    {
        var (block, deflated) = _inFlight.Peek();
        await deflated;
        _inFlight.Dequeue();
        _compressed += block.Output.Length;
        await zip.WriteRawAsync(block.Output, cancellationToken);
        zip.ReturnBlock(block);
    }
}
