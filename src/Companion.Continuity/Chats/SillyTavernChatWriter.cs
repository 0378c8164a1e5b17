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

    /// <summary>A whole session as a <c>.jsonl</c> text, one line each, ending with a line break.</summary>
    public static string Write(SessionTranscript transcript, string userName, string characterName)
    {
        var text = new System.Text.StringBuilder();
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
    public static string Message(MessageRecorded message, string userName, string characterName)
    {
        var source = message.SourceFields is { } fields ? JsonNode.Parse(fields) as JsonObject ?? [] : [];
        var line = new JsonObject
        {
            ["name"] = message.SpeakerName ?? message.Role switch
            {
                MessageRole.User => userName,
                MessageRole.System => "System",
                _ => characterName,
            },
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
}
