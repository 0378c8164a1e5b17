using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Companion.Benchmarks.Harness;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite;
using Companion.History;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Where an export's time goes, one step added per pass over the same log (each pass single-threaded,
/// as the steps run in the writer): read, then the hash-chain check, decrypt, read the event
/// (upcast), apply it to the state, render the <c>events.jsonl</c> line; and apart from those, the
/// deflate of the rendered lines at zlib levels 6 (<c>Optimal</c>) down to 1 (<c>Fastest</c>), single-threaded. The differences between passes are the
/// steps' costs.
/// </summary>
public static class ExportBreakdown
{
    private enum Step { Read, Hash, Decrypt, Deserialize, Apply, Render }

    public static async Task RunAsync(SqliteEventLog log, PayloadCipher? cipher, string userId, long events)
    {
        var registry = EventTypeRegistry.ForUserEvents();
        var previous = 0.0;
        foreach (var step in Enum.GetValues<Step>())
        {
            var started = Stopwatch.GetTimestamp();
            await PassAsync(log, cipher, registry, userId, step);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Report.Row($"  breakdown, {events:#,0} events: up to {step} (+{ms - previous:0} ms for {step})", ms, "ms");
            previous = ms;
        }

        var lines = new ArrayBufferWriter<byte>();
        await using (var json = new Utf8JsonWriter(lines))
        {
            await foreach (var envelope in log.ReadAsync(userId))
            {
                json.Reset(lines);
                EnvelopeJson.Write(json, envelope);
                json.Flush();
                lines.Write("\n"u8);
            }
        }

        // zlib levels: 6 is what CompressionLevel.Optimal means, 1 is Fastest; the archive writer takes any of them.
        foreach (var level in new[] { 6, 4, 3, 2, 1 })
        {
            var counter = new CountingStream();
            var started = Stopwatch.GetTimestamp();
            await using (var deflate = new DeflateStream(counter, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
            {
                await deflate.WriteAsync(lines.WrittenMemory);
            }

            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Report.Row($"  breakdown, {events:#,0} events: deflate {lines.WrittenCount / 1024.0 / 1024:0.0} MiB of events.jsonl at zlib level {level} (to {counter.Written / 1024.0 / 1024:0.0} MiB)", ms, "ms");
        }
    }

    private static async Task PassAsync(SqliteEventLog log, PayloadCipher? cipher, EventTypeRegistry registry, string userId, Step last)
    {
        var state = UserState.Empty;
        var lines = new ArrayBufferWriter<byte>(1 << 17);
        await using var json = new Utf8JsonWriter(lines);
        await foreach (var envelope in log.ReadAsync(userId))
        {
            if (last >= Step.Hash)
            {
                _ = EnvelopeChain.ComputeHash(envelope);
            }

            var revealed = last >= Step.Decrypt ? PayloadCipher.Reveal(envelope, cipher) : envelope;
            var @event = last >= Step.Deserialize ? registry.FromEnvelope(revealed) : null;
            if (@event is not null && last >= Step.Apply)
            {
                state = UserStateApply.Apply(state, @event);
            }

            if (last >= Step.Render)
            {
                json.Reset(lines);
                EnvelopeJson.Write(json, envelope);
                json.Flush();
                lines.Write("\n"u8);
                if (lines.WrittenCount >= 1 << 16)
                {
                    lines.ResetWrittenCount();
                }
            }
        }
    }

    private sealed class CountingStream : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Written += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Written += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
