using System.Buffers;

namespace Companion.Continuity.Zip;

/// <summary>
/// Writes a standard ZIP (deflated entries, data descriptors, ZIP64 where sizes or offsets need
/// it) to a destination that may not seek and gets only asynchronous writes (an HTTP response),
/// deflating each entry in parallel blocks (<see cref="ZipEntryWriter"/>). System.IO.Compression's
/// <c>ZipArchive</c> deflates an entry as one sequential stream at one of three levels, which made
/// the deflate of <c>events.jsonl</c> the longest single step of an export; this writer is read
/// back by <c>ZipArchive</c>, Info-ZIP and Python's <c>zipfile</c> alike. One entry is open at a time.
/// </summary>
internal sealed class ZipStreamWriter : IAsyncDisposable
{
    /// <summary>
    /// The bytes of an entry deflated as one block: 256 KiB, so the blocks in flight add little
    /// to the heap, while each block's lost window (32 KiB of history) costs well under 1 % of size.
    /// </summary>
    public const int DefaultBlockSize = 1 << 18;

    private const int DrainAt = 1 << 16;
    private readonly Stream _destination;
    private readonly int _blockSize;
    private readonly ArrayBufferWriter<byte> _pending = new(DrainAt * 2);
    private readonly List<ZipEntryRecord> _entries = [];
    private readonly Stack<DeflateBlock> _free = new();
    private readonly List<DeflateBlock> _all = [];
    private ZipEntryWriter? _open;
    private long _position;
    private bool _finished;

    /// <param name="destination">Where the ZIP goes; left open.</param>
    /// <param name="level">The zlib level (1–9) every entry is deflated at.</param>
    /// <param name="blockSize">The bytes of an entry deflated as one block.</param>
    /// <param name="blocksInFlight">How many blocks may be deflating at once; the processor count when null.</param>
    public ZipStreamWriter(Stream destination, int level, int blockSize = DefaultBlockSize, int? blocksInFlight = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1024);
        _destination = destination;
        _blockSize = blockSize;
        Level = level;
        BlocksInFlight = Math.Max(1, blocksInFlight ?? Environment.ProcessorCount);
    }

    /// <summary>The zlib level entries are deflated at.</summary>
    public int Level { get; }

    /// <summary>How many blocks of an entry may be deflating at once.</summary>
    public int BlocksInFlight { get; }

    /// <summary>The entries written so far.</summary>
    public IReadOnlyList<ZipEntryRecord> Entries => _entries;

    /// <summary>Starts the entry <paramref name="name"/>, last modified <paramref name="at"/>; the previous entry must be closed.</summary>
    public ZipEntryWriter OpenEntry(string name, DateTimeOffset at)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_open is not null)
        {
            throw new InvalidOperationException("The previous entry is still open; close it first.");
        }

        var entryName = new ZipEntryName(name);
        var time = ZipDosTime.Of(at);
        var offset = _position;
        var before = _pending.WrittenCount;
        ZipHeaders.WriteLocalHeader(_pending, entryName, time);
        _position += _pending.WrittenCount - before;
        _open = new ZipEntryWriter(this, entryName, time, offset);
        return _open;
    }

    /// <summary>Writes a whole entry.</summary>
    public async Task AddAsync(string name, ReadOnlyMemory<byte> content, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var entry = OpenEntry(name, at);
        await entry.WriteAsync(content, cancellationToken);
        await entry.CloseAsync(cancellationToken);
    }

    /// <summary>Writes the central directory and the end records, and flushes the destination.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken = default)
    {
        if (_open is not null)
        {
            throw new InvalidOperationException("An entry is still open; close it first.");
        }

        var directoryOffset = _position;
        foreach (var entry in _entries)
        {
            var before = _pending.WrittenCount;
            ZipHeaders.WriteCentralHeader(_pending, entry);
            _position += _pending.WrittenCount - before;
            if (_pending.WrittenCount >= DrainAt)
            {
                await DrainAsync(cancellationToken);
            }
        }

        ZipHeaders.WriteEnd(_pending, _entries.Count, directoryOffset, _position - directoryOffset);
        await DrainAsync(cancellationToken);
        await _destination.FlushAsync(cancellationToken);
        _finished = true;
    }

    /// <summary>Waits for any block still deflating and wipes every block's buffers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_open is { } open)
        {
            await open.AbandonAsync();
            _open = null;
        }

        foreach (var block in _all)
        {
            block.Wipe();
        }

        _finished = true;
    }

    internal DeflateBlock RentBlock()
    {
        if (_free.TryPop(out var block))
        {
            return block;
        }

        block = new DeflateBlock(_blockSize);
        _all.Add(block);
        return block;
    }

    internal void ReturnBlock(DeflateBlock block)
    {
        block.Clear();
        _free.Push(block);
    }

    internal async ValueTask WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        _position += bytes.Length;
        if (_pending.WrittenCount + bytes.Length < DrainAt)
        {
            _pending.Write(bytes.Span);
            return;
        }

        await DrainAsync(cancellationToken);
        await _destination.WriteAsync(bytes, cancellationToken);
    }

    internal async ValueTask EndEntryAsync(ZipEntryWriter entry, ZipEntryRecord record, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(entry, _open))
        {
            throw new InvalidOperationException($"Entry '{record.Name.Value}' is not the open entry.");
        }

        var before = _pending.WrittenCount;
        ZipHeaders.WriteDataDescriptor(_pending, record);
        _position += _pending.WrittenCount - before;
        _entries.Add(record);
        _open = null;
        if (_pending.WrittenCount >= DrainAt)
        {
            await DrainAsync(cancellationToken);
        }
    }

    private async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        if (_pending.WrittenCount > 0)
        {
            await _destination.WriteAsync(_pending.WrittenMemory, cancellationToken);
            _pending.ResetWrittenCount();
        }
    }
}
