using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Companion.Domain.Events;
using Companion.Domain.Projections;

namespace Companion.Continuity.Chats;

/// <summary>
/// Writes conversations as SillyTavern chat <c>.jsonl</c>: a metadata line, then one line per
/// message. A message imported from such a file gets its line back, every field it had included
/// (its <c>send_date</c> as it was written); a message recorded here gets an ISO 8601
/// <c>send_date</c>, which SillyTavern reads exactly, and its producer as <c>extra.model</c>/<c>extra.api</c>.
/// </summary>
public static class SillyTavernChatWriter
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] WrittenHere = ["name", "is_user", "is_system", "mes", "swipe_id", "swipes"];
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>A whole session as a <c>.jsonl</c> text, one line each, ending with a line break.</summary>
    public static string Write(SessionTranscript transcript, string userName, string characterName)
    {
        var text = new StringBuilder();
        text.Append(Header(userName, characterName, transcript.StartedAt)).Append('\n');
        foreach (var message in transcript.Messages)
        {
            text.Append(Message(message, userName, characterName)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The metadata line.</summary>
    public static string Header(string userName, string characterName, DateTimeOffset startedAt) => new JsonObject
    {
        ["user_name"] = userName,
        ["character_name"] = characterName,
        ["create_date"] = SillyTavernDates.Humanized(startedAt),
        ["chat_metadata"] = new JsonObject(),
    }.ToJsonString(Compact);

    /// <summary>One message's line.</summary>
    /// <remarks>
    /// Written straight to UTF-8 (the archive renders a line for every message it holds), equal byte
    /// for byte to the line <see cref="MessageAsTree"/> builds as a JSON tree (a test compares the
    /// two), which still writes the rare line whose kept source fields name a field this line writes
    /// itself. Source fields that repeat a name (which the tree cannot hold) are all written, in
    /// their order: nothing kept is dropped.
    /// </remarks>
    public static string Message(MessageRecorded message, string userName, string characterName) =>
        Encoding.UTF8.GetString(MessageUtf8(message, userName, characterName));

    /// <summary>
    /// One message's line as UTF-8 (what <see cref="Message"/> returns, encoded), for the archive's
    /// spool, which writes it as it is; the bytes live in a buffer of the calling thread that its
    /// next call reuses.
    /// </summary>
    internal static ReadOnlySpan<byte> MessageUtf8(MessageRecorded message, string userName, string characterName)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var source = message.SourceFields is { } fields ? Parse(fields) : null;
        JsonElement? root = source?.RootElement.ValueKind == JsonValueKind.Object ? source.RootElement : null;
        var (sent, extra) = (Found.None, Found.None);
        if (root is { } scanned && !Scan(scanned, out sent, out extra))
        {
            return Encoding.UTF8.GetBytes(MessageAsTree(message, userName, characterName));
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Compact.Encoder, SkipValidation = true });
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString("name", Speaker(message, userName, characterName));
        json.WriteBoolean("is_user", message.Role == MessageRole.User);
        json.WriteBoolean("is_system", message.Role == MessageRole.System);
        if (sent.At >= 0)
        {
            json.WritePropertyName("send_date");
            sent.Value.WriteTo(json);
        }
        else
        {
            json.WriteString("send_date", SillyTavernDates.Iso(message.SaidAt));
        }

        json.WriteString("mes", message.Text);
        if (extra.At >= 0)
        {
            json.WritePropertyName("extra");
            extra.Value.WriteTo(json);
        }
        else if (message.Producer is { } producer)
        {
            json.WriteStartObject("extra");
            json.WriteString("api", producer.Runtime);
            json.WriteString("model", producer.Model);
            json.WriteEndObject();
        }

        if (message.SwipeId is { } chosen)
        {
            json.WriteNumber("swipe_id", chosen);
        }

        if (message.Swipes is { } swipes)
        {
            json.WriteStartArray("swipes");
            foreach (var swipe in swipes)
            {
                json.WriteStringValue(swipe);
            }

            json.WriteEndArray();
        }

        if (root is { } rest)
        {
            var index = 0;
            foreach (var field in rest.EnumerateObject())
            {
                if (index != sent.At && index != extra.At)
                {
                    json.WritePropertyName(field.Name);
                    field.Value.WriteTo(json);
                }

                index++;
            }
        }

        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan;
    }

    /// <summary>One message's line built as a JSON tree: the reference for <see cref="Message"/>, and its path for source fields out of the ordinary.</summary>
    internal static string MessageAsTree(MessageRecorded message, string userName, string characterName)
    {
        var source = message.SourceFields is { } fields ? JsonNode.Parse(fields) as JsonObject ?? [] : [];
        var line = new JsonObject
        {
            ["name"] = Speaker(message, userName, characterName),
            ["is_user"] = message.Role == MessageRole.User,
            ["is_system"] = message.Role == MessageRole.System,
            ["send_date"] = source.Remove("send_date", out var sent) ? sent : SillyTavernDates.Iso(message.SaidAt),
            ["mes"] = message.Text,
        };
        if (source.Remove("extra", out var extra))
        {
            line["extra"] = extra;
        }
        else if (message.Producer is { } producer)
        {
            line["extra"] = new JsonObject { ["api"] = producer.Runtime, ["model"] = producer.Model };
        }

        if (message.SwipeId is { } chosen)
        {
            line["swipe_id"] = chosen;
        }

        if (message.Swipes is { } swipes)
        {
            line["swipes"] = new JsonArray([.. swipes.Select(s => (JsonNode?)JsonValue.Create(s))]);
        }

        foreach (var (name, value) in source.ToList())
        {
            source.Remove(name);
            line[name] = value;
        }

        return line.ToJsonString(Compact);
    }

    private static string Speaker(MessageRecorded message, string userName, string characterName) =>
        message.SpeakerName ?? message.Role switch
        {
            MessageRole.User => userName,
            MessageRole.System => "System",
            _ => characterName,
        };

    private static JsonDocument? Parse(string fields)
    {
        try
        {
            return JsonDocument.Parse(fields);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Where the source's own <c>send_date</c> and <c>extra</c> are (the first of each), and false
    /// when a source field names a field this line writes itself (the tree path's case).
    /// </summary>
    private static bool Scan(JsonElement fields, out Found sent, out Found extra)
    {
        (sent, extra) = (Found.None, Found.None);
        var index = 0;
        foreach (var field in fields.EnumerateObject())
        {
            if (Array.IndexOf(WrittenHere, field.Name) >= 0)
            {
                return false;
            }

            if (sent.At < 0 && field.NameEquals("send_date"))
            {
                sent = new Found(index, field.Value);
            }
            else if (extra.At < 0 && field.NameEquals("extra"))
            {
                extra = new Found(index, field.Value);
            }

            index++;
        }

        return true;
    }

    /// <summary>A source field the line writes in its own place: where it stands among the source's fields (-1: absent) and its value.</summary>
    private readonly record struct Found(int At, JsonElement Value)
    {
        public static readonly Found None = new(-1, default);
    }
}
