using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>Exports, imports and rewrites continuity archives through the API.</summary>
internal static class Archives
{
    /// <summary>A user with a companion, a conversation longer than the state keeps, a forgotten memory and journal entries.</summary>
    public static async Task<(string UserId, HttpClient Client)> NewUserWithHistoryAsync(this SiloFactory silo, int messages = 60)
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        for (var i = 0; i < messages; i++)
        {
            await client.SayAsync(userId, companionId, sessionId, $"Line {i}.", i % 2 == 0 ? "user" : "companion").Expect(HttpStatusCode.Created);
        }

        var memory = await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/memories",
            new { text = "Robin's sister is Ada.", kind = "fact" }).Expect(HttpStatusCode.Created);
        await client.DeleteAsync($"/v1/users/{userId}/companions/{companionId}/memories/{memory.GetProperty("memoryId").GetString()}").Expect(HttpStatusCode.OK);
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { prompt = "evening", text = "Felt steady.", mood = "calm" }).Expect(HttpStatusCode.Created);
        return (userId, client);
    }

    public static async Task<byte[]> ExportAsync(this HttpClient client, string userId)
    {
        var response = await client.GetAsync($"/v1/users/{userId}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, byte[] archive, string contentType = "application/zip")
    {
        var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return client.PostAsync("/v1/imports", content);
    }

    /// <summary>A copy of the archive whose central directory claims another CRC-32 for <paramref name="name"/>; its data is unchanged.</summary>
    public static byte[] WithCrcOf(byte[] archive, string name, Func<uint, uint> change)
    {
        var bytes = archive.ToArray();
        var span = bytes.AsSpan();
        var end = span.Length - 22;
        while (BinaryPrimitives.ReadUInt32LittleEndian(span[end..]) != 0x06054b50)
        {
            end--;
        }

        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(end + 16)..]);
        while (BinaryPrimitives.ReadUInt32LittleEndian(span[at..]) == 0x02014b50)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 28)..]);
            var skip = 46 + nameLength + BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 30)..]) + BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 32)..]);
            if (Encoding.UTF8.GetString(span.Slice(at + 46, nameLength)) == name)
            {
                var crc = BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 16)..]);
                BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 16)..], change(crc));
                return bytes;
            }

            at += skip;
        }

        throw new InvalidOperationException($"No entry '{name}'.");
    }

    public static byte[] Entry(byte[] archive, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static string HeadHash(byte[] archive) =>
        JsonDocument.Parse(Entry(archive, "manifest.json")).RootElement.GetProperty("headHash").GetString()!;

    /// <summary>Changes one base64 character of the encrypted payload on line 5 of events.jsonl.</summary>
    public static string FlipPayloadByteOfLine5(string events)
    {
        var lines = events.Split('\n');
        var at = lines[4].IndexOf("\"payload\":\"cge1:", StringComparison.Ordinal) + "\"payload\":\"cge1:".Length + 20;
        lines[4] = lines[4][..at] + (lines[4][at] == 'A' ? 'B' : 'A') + lines[4][(at + 1)..];
        return string.Join('\n', lines);
    }

    /// <summary>The name of the first transcript, under conversations/.</summary>
    public static string FirstTranscript(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        return zip.Entries.First(e => e.FullName.StartsWith("conversations/", StringComparison.Ordinal)).FullName["conversations/".Length..];
    }

    /// <summary>The same archive without the entry <paramref name="name"/>.</summary>
    public static byte[] Without(byte[] archive, string name)
    {
        using var source = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var original in source.Entries.Where(e => e.FullName != name))
            {
                using var from = original.Open();
                using var to = target.CreateEntry(original.FullName).Open();
                from.CopyTo(to);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The same archive with one entry's text changed and <paramref name="extra"/> entries added.</summary>
    public static byte[] Rewrite(byte[] archive, string entry, Func<string, string> change, params string[] extra)
    {
        using var source = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var original in source.Entries)
            {
                using var reader = new StreamReader(original.Open());
                var text = reader.ReadToEnd();
                using var writer = new StreamWriter(target.CreateEntry(original.FullName).Open(), new UTF8Encoding(false));
                writer.Write(original.FullName == entry ? change(text) : text);
            }

            foreach (var name in extra)
            {
                using var writer = new StreamWriter(target.CreateEntry(name).Open());
                writer.Write("extra");
            }
        }

        return buffer.ToArray();
    }
}
