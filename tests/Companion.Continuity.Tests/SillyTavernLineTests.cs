using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Companion.Continuity.Chats;
using Companion.Domain.Events;

namespace Companion.Continuity.Tests;

/// <summary>
/// A SillyTavern chat line is written straight to UTF-8; it must be the very line the JSON tree
/// wrote, byte for byte, for every kind of message and every kept source field.
/// </summary>
public sealed class SillyTavernLineTests
{
    private static readonly string[] Texts =
    [
        "plain words",
        "quotes \" and \\ backslashes, a tab\tand a line\nbreak",
        "emoji 🌧️☕ and accents: Ærøskøbing, naïve, 日本語, עברית",
        "control \u0001\u001f and <html> & 'apostrophes' and \u2028 separators",
        "",
        "lone surrogate \ud800 kept as it came",
    ];

    private static readonly string?[] SourceFields =
    [
        null,
        """{"send_date":"March 3, 2024 9:15pm","extra":{"api":"openai","model":"gpt-4o","token_count":42},"gen_started":"2024-03-03T21:15:00.000Z","force_avatar":null}""",
        """{"extra":{}, "title":"x\u00e9\ud83c\udf27", "n": 1.50e3, "big": 123456789012345678901234567890, "list":[1,"two",null,true,{"a":[]}]}""",
        """{"send_date":1709500500000}""",
        """{"is_name":true,"swipe_info":[{"send_date":"a","extra":{}}]}""",
        // Out of the ordinary: the line writes these itself; not an object.
        """{"mes":"a different text","name":"Someone"}""",
        """{"swipes":["x"],"swipe_id":0}""",
        """["not","an","object"]""",
        "null",
    ];

    [Fact]
    public void Every_message_line_equals_the_tree_written_line_byte_for_byte()
    {
        var compared = 0;
        foreach (var role in new[] { MessageRole.User, MessageRole.Companion, MessageRole.System })
        {
            foreach (var text in Texts)
            {
                foreach (var fields in SourceFields)
                {
                    foreach (var producer in new ModelRuntime?[] { null, new("llama-3-8b", "ollama", "0.3"), new("m", null, null) })
                    {
                        foreach (var (swipes, swipeId) in new (ImmutableArray<string>? Swipes, int? Id)[] { (null, null), (["one", "two \"quoted\"", "三"], 1), ([], null) })
                        {
                            var message = new MessageRecorded(
                                "c_1", "s_1", "msg_1", role, text, producer, null, new DateTimeOffset(2024, 3, 3, 21, 15, 0, TimeSpan.FromHours(1)),
                                SentAt: null, SpeakerName: role == MessageRole.System ? null : "Nova \"N\"", Swipes: swipes, SwipeId: swipeId, SourceFields: fields);
                            var direct = SillyTavernChatWriter.Message(message, "Robin", "Sol");
                            var tree = SillyTavernChatWriter.MessageAsTree(message, "Robin", "Sol");
                            Assert.Equal(tree, direct);
                            compared++;
                        }
                    }
                }
            }
        }

        Assert.Equal(3 * Texts.Length * SourceFields.Length * 3 * 3, compared);
    }

    [Fact]
    public void Source_fields_that_repeat_a_name_are_all_written_in_their_order_none_dropped()
    {
        var message = new MessageRecorded(
            "c_1", "s_1", "msg_1", MessageRole.User, "Hi", null, null, DateTimeOffset.UnixEpoch,
            SourceFields: """{"a":1,"send_date":"first","a":2,"send_date":"second","extra":{"x":1},"extra":{"x":2}}""");

        var line = SillyTavernChatWriter.Message(message, "Robin", "Sol");

        Assert.Equal(
            """{"name":"Robin","is_user":true,"is_system":false,"send_date":"first","mes":"Hi","extra":{"x":1},"a":1,"a":2,"send_date":"second","extra":{"x":2}}""",
            line);
    }

    [Fact]
    public void A_line_reads_back_as_SillyTavern_json_with_the_source_fields_after_ours()
    {
        var message = new MessageRecorded(
            "c_1", "s_1", "msg_1", MessageRole.Companion, "Good evening.", new ModelRuntime("gpt-4o", "openai", null), null, DateTimeOffset.UnixEpoch,
            SourceFields: """{"gen_started":"2024-03-03T21:15:00.000Z","send_date":"March 3, 2024 9:15pm"}""");

        var line = SillyTavernChatWriter.Message(message, "Robin", "Sol");

        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(line));
        Assert.Equal(["name", "is_user", "is_system", "send_date", "mes", "extra", "gen_started"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("March 3, 2024 9:15pm", document.RootElement.GetProperty("send_date").GetString());
        Assert.Equal("gpt-4o", document.RootElement.GetProperty("extra").GetProperty("model").GetString());
    }
}
