using System.IO.Compression;
using Companion.Continuity.Verification;
using Companion.EventLog;
using Companion.Testing.Time;

namespace Companion.Continuity.Tests;

/// <summary>Writes archives in memory, reads and rewrites their entries, verifies them.</summary>
internal static class Archives
{
    public static readonly DateTimeOffset ExportedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static async Task<byte[]> WriteAsync(IEnumerable<EventEnvelope> envelopes)
    {
        using var buffer = new MemoryStream();
        await new ArchiveWriter(History.Registry, new ManualClock(ExportedAt)).WriteAsync(buffer, envelopes.ToAsyncEnumerable());
        return buffer.ToArray();
    }

    public static Task<ArchiveVerification> VerifyAsync(byte[] archive, ArchiveLimits? limits = null) =>
        new ArchiveVerifier(History.Registry, limits).VerifyAsync(new MemoryStream(archive));

    public static Dictionary<string, byte[]> Entries(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    public static string Text(byte[] archive, string entry) => System.Text.Encoding.UTF8.GetString(Entries(archive)[entry]);

    /// <summary>A new archive with the same entries, in the same order, after <paramref name="change"/> (null drops an entry), plus <paramref name="extra"/>.</summary>
    public static byte[] Rewrite(byte[] archive, Func<string, byte[], byte[]?> change, params (string Name, byte[] Content)[] extra)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in Entries(archive).Select(e => (e.Key, change(e.Key, e.Value))).Concat(extra.Select(e => (e.Name, (byte[]?)e.Content))))
            {
                if (content is null)
                {
                    continue;
                }

                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] RewriteLines(byte[] archive, Func<List<string>, List<string>> change) =>
        Rewrite(archive, (name, content) =>
        {
            if (name != ArchiveFormat.EventsEntry)
            {
                return content;
            }

            var lines = System.Text.Encoding.UTF8.GetString(content).TrimEnd('\n').Split('\n').ToList();
            return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', change(lines)) + "\n");
        });

    public static byte[] RewriteText(byte[] archive, string entry, Func<string, string> change) =>
        Rewrite(archive, (name, content) => name == entry
            ? System.Text.Encoding.UTF8.GetBytes(change(System.Text.Encoding.UTF8.GetString(content)))
            : content);

    /// <summary>An envelope as one line of <c>events.jsonl</c>.</summary>
    public static string Line(EventEnvelope envelope)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            EnvelopeJson.Write(writer, envelope);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
