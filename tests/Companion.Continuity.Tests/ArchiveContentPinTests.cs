using System.Security.Cryptography;
using System.Text.Json;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.Testing.Time;

namespace Companion.Continuity.Tests;

/// <summary>
/// The archive's entries, byte for byte, pinned: every entry's name, order and SHA-256 of its
/// uncompressed content, for each golden log and for a generated history of many interleaved
/// sessions, as the writer produced them before the export was made faster (issue 17 item 5a).
/// A change to what an archive holds fails here; a change only to how entries are compressed does not.
/// The pins were written by this test with <c>COMPANION_PIN_ENTRIES=write</c> set, from the writer of
/// commit 9d2e3af; rewrite them only for a change that means to alter the archive's contents.
/// </summary>
public sealed class ArchiveContentPinTests
{
    private static readonly string GoldenDirectory = Path.Combine(AppContext.BaseDirectory, "golden");

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string> { "generated" };
        foreach (var log in Directory.GetFiles(GoldenDirectory, "generation-*.jsonl").Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileNameWithoutExtension(log));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_entry_of_the_archive_is_what_the_writer_wrote_before_it_was_made_faster(string name)
    {
        var (envelopes, cipher) = Load(name);
        using (cipher)
        {
            using var buffer = new MemoryStream();
            await new ArchiveWriter(History.Registry, new ManualClock(Archives.ExportedAt)).WriteAsync(buffer, envelopes.ToAsyncEnumerable(), cipher);
            var archive = buffer.ToArray();
            var entries = Archives.Entries(archive).Select(e => $"{e.Key} {Convert.ToHexStringLower(SHA256.HashData(e.Value))}").ToList();

            var pinned = Path.Combine(AppContext.BaseDirectory, "Pinned", name + ".entries.txt");
            if (Environment.GetEnvironmentVariable("COMPANION_PIN_ENTRIES") == "write")
            {
                var source = Path.Combine(SourceDirectory(), "Pinned", name + ".entries.txt");
                await File.WriteAllLinesAsync(source, entries);
            }

            Assert.True(File.Exists(pinned), $"no pinned entries for {name}");
            Assert.Equal(await File.ReadAllLinesAsync(pinned), entries);
            Assert.True((await Archives.VerifyAsync(archive)).IsValid);
        }
    }

    private static (IReadOnlyList<EventEnvelope> Envelopes, PayloadCipher? Cipher) Load(string name)
    {
        if (name == "generated")
        {
            return (Generated().Envelopes, null);
        }

        var envelopes = File.ReadAllLines(Path.Combine(GoldenDirectory, name + ".jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => EnvelopeJson.Parse(System.Text.Encoding.UTF8.GetBytes(line)))
            .ToList();
        var keyFile = Path.Combine(GoldenDirectory, name + ".key.json");
        PayloadCipher? cipher = null;
        if (File.Exists(keyFile))
        {
            var key = ArchiveKey.Parse(File.ReadAllBytes(keyFile));
            cipher = new PayloadCipher(key.UserId, key.Key.Span);
        }

        return (envelopes, cipher);
    }

    /// <summary>
    /// Two companions, forty sessions interleaved (more than the spool keeps open at once), 4,000
    /// messages with line breaks of every platform, non-ASCII text and text a JSON writer escapes:
    /// enough for <c>events.jsonl</c> and the transcripts to cross many blocks.
    /// </summary>
    private static History Generated()
    {
        var history = History.Sample(messages: 6);
        history.Add(new CompanionCreated("c_ada00001", "Ada \"the\" <kind>", Persona.Empty with { Description = "Gentle.\r\nPatient." }, null, history.Next()));
        string[] companions = ["c_sol00001", "c_ada00001"];
        for (var s = 0; s < 40; s++)
        {
            history.Add(new SessionStarted(companions[s % 2], $"s_gen{s:D5}", null, history.Next()));
        }

        for (var i = 0; i < 4_000; i++)
        {
            var s = (i * 7) % 40;
            var text = (i % 5) switch
            {
                0 => $"Line one\r\nline two of message {i}\rand three",
                1 => $"Grüße, 你好, 🌱 — message {i}",
                2 => $"\"Quoted\" <b>tag</b> & a tab\there {i}\n\n",
                3 => new string('x', 300 + (i % 97)),
                _ => $"Message number {i}.",
            };
            history.Message(companions[s % 2], $"s_gen{s:D5}", i % 3 == 0 ? "user" : "companion", text, i % 4 == 0 ? "demo-model" : null);
        }

        for (var s = 0; s < 40; s += 3)
        {
            history.Add(new SessionEnded(companions[s % 2], $"s_gen{s:D5}", history.Next()));
        }

        return history;
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
