using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Companion.Benchmarks.Harness;
using Companion.Continuity.Chats;
using Companion.Continuity.Rendering;
using Companion.Continuity.Spooling;
using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite;
using Companion.History;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Where an export's CPU goes, one step added per pass over the same log (each pass on one
/// thread at a time, as the steps run in the writer): read, then the hash-chain check, decrypt,
/// read the event (upcast), apply it to the state, render the <c>events.jsonl</c> line, render the
/// transcripts' Markdown and SillyTavern lines as strings, and write them through the encrypted
/// spool; and apart from those, the deflate of the rendered lines at zlib levels and strategies,
/// with the size each gives. Figures are CPU time of the whole process per event (the GC's share
/// included), which the machine's other work disturbs far less than the wall clock; the
/// differences between passes are the steps' costs.
/// </summary>
public static class ExportBreakdown
{
    private enum Step { Read, Hash, Decrypt, Deserialize, Apply, Render, Transcripts, Spool }

    public static async Task RunAsync(SqliteEventLog log, PayloadCipher? cipher, string userId, long events)
    {
        var registry = EventTypeRegistry.ForUserEvents();
        await PassAsync(log, cipher, registry, userId, Step.Spool); // warms every step's code first
        var previous = 0.0;
        foreach (var step in Enum.GetValues<Step>())
        {
            var cpu = ProcessCpu.Now();
            await PassAsync(log, cipher, registry, userId, step);
            var us = (ProcessCpu.Now() - cpu).TotalMicroseconds / events;
            Report.Row($"  breakdown, {events:#,0} events: CPU per event up to {step} (+{us - previous:0.0} µs for {step})", us, "µs");
            previous = us;
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

        // zlib levels (6 is what CompressionLevel.Optimal means, 1 is Fastest; the writer uses 2)
        // and strategies; deflated whole, on one thread, so the CPU is the thread's.
        foreach (var (level, strategy) in new[]
                 {
                     (6, ZLibCompressionStrategy.Default), (2, ZLibCompressionStrategy.Default), (1, ZLibCompressionStrategy.Default),
                     (2, ZLibCompressionStrategy.Filtered), (2, ZLibCompressionStrategy.HuffmanOnly), (2, ZLibCompressionStrategy.RunLengthEncoding),
                 })
        {
            var counter = new CountingStream();
            var cpu = ProcessCpu.Now();
            await using (var deflate = new DeflateStream(counter, new ZLibCompressionOptions { CompressionLevel = level, CompressionStrategy = strategy }, leaveOpen: true))
            {
                deflate.Write(lines.WrittenSpan);
            }

            var us = (ProcessCpu.Now() - cpu).TotalMicroseconds / events;
            Report.Row($"  breakdown, {events:#,0} events: deflate {lines.WrittenCount / 1024.0 / 1024:0.0} MiB of events.jsonl, zlib level {level} {strategy} (to {counter.Written / 1024.0 / 1024:0.00} MiB), CPU per event", us, "µs");
        }
    }

    private static async Task PassAsync(SqliteEventLog log, PayloadCipher? cipher, EventTypeRegistry registry, string userId, Step last)
    {
        var state = UserState.Empty;
        var lines = new ArrayBufferWriter<byte>(1 << 17);
        await using var json = new Utf8JsonWriter(lines);
        using var spools = last >= Step.Spool ? SpoolDirectory.Open(Path.Combine(Path.GetTempPath(), $"companion-breakdown-{Guid.NewGuid():N}")) : null;
        using var spool = spools is null ? null : new TranscriptSpool(spools);
        long rendered = 0;
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

            if (last == Step.Transcripts && @event is MessageRecorded message)
            {
                var owner = JournalMarkdown.Owner(state);
                rendered += TranscriptMarkdown.Message(message, owner).Length + SillyTavernChatWriter.Message(message, owner, "Sol").Length;
            }

            if (spool is not null && @event is not null)
            {
                spool.Observe(@event, state);
            }
        }

        GC.KeepAlive(rendered);
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
