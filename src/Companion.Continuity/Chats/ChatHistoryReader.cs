using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Continuity.Chats;

/// <summary>
/// Reads a chat history file whole, before anything is written: a SillyTavern chat <c>.jsonl</c>
/// (a metadata line with <c>user_name</c>, <c>character_name</c>, <c>create_date</c> and
/// <c>chat_metadata</c>, then messages with <c>name</c>, <c>is_user</c>, <c>is_system</c>,
/// <c>mes</c>, <c>send_date</c>, <c>swipes</c>, <c>swipe_id</c>, <c>extra</c> and whatever else)
/// or a generic JSONL (<c>role</c>, <c>text</c>, <c>sentAt</c>, optional <c>name</c>, <c>model</c>).
/// A line that cannot be read refuses the whole file, naming the line. Every field of a message
/// line without a field of its own here is kept with the message, so an export gives it back.
/// </summary>
public static class ChatHistoryReader
{
    private static readonly string[] MetadataNames = ["user_name", "character_name", "create_date", "chat_metadata"];

    /// <summary>Reads <paramref name="file"/> to its end; a <see cref="ChatFormatException"/> names what is wrong where.</summary>
    public static async Task<ChatReading> ReadAsync(Stream file, ChatReadOptions options, CancellationToken cancellationToken = default)
    {
        using var lines = new BoundedLines(file, options.MaxBytes, options.MaxLineBytes);
        var format = options.Format;
        var messages = ImmutableArray.CreateBuilder<ImportedMessage>();
        var warnings = new List<string>();
        var localTimes = 0;
        var undated = new List<long>();
        long count = 0;
        await foreach (var (number, bytes) in lines.ReadAsync(cancellationToken))
        {
            count = number;
            if (bytes.AsSpan().Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            if (messages.Count >= Limits.ImportedMessages)
            {
                throw new ChatFormatException(
                    $"The file has more than {Limits.ImportedMessages} messages, the most one import takes. Split it and import each part; nothing was written.", tooLarge: true);
            }

            var line = ChatLine.Parse(number, bytes);
            format ??= Detect(line);
            if (format == ChatFormat.SillyTavern && messages.Count == 0 && MetadataNames.Any(line.Has) && !line.Has("mes"))
            {
                Metadata(line, warnings);
                continue;
            }

            var message = format == ChatFormat.SillyTavern ? SillyTavern(line, options, warnings, out var local) : Generic(line, options, warnings, out local);
            localTimes += local ? 1 : 0;
            if (message.SentAt is null)
            {
                undated.Add(number);
            }

            messages.Add(message);
        }

        if (localTimes > 0 && options.UtcOffset is null)
        {
            warnings.Add($"{localTimes} message times are local times without a zone (as SillyTavern writes them); they were read as UTC. Import with the offset they were written in (utcOffset, e.g. +02:00) to read them in it.");
        }

        if (undated.Count > 0)
        {
            warnings.Add($"{undated.Count} messages state no time this service can read (lines {string.Join(", ", undated.Take(10))}{(undated.Count > 10 ? ", …" : "")}); they take the time of the import, and keep what they stated.");
        }

        var salt = Encoding.UTF8.GetBytes($"\n#format={format};utcOffset={options.UtcOffset?.ToString() ?? "utc"}");
        var hash = Convert.ToHexStringLower(lines.Hash(salt));
        return new ChatReading(format ?? options.Format ?? ChatFormat.SillyTavern, new HistoryImport(hash, messages.ToImmutable()), count, warnings);
    }

    private static ChatFormat Detect(ChatLine line) =>
        line.Has("mes") || MetadataNames.Any(line.Has) ? ChatFormat.SillyTavern
        : line.Has("role") || line.Has("text") ? ChatFormat.Generic
        : throw ChatLine.Broken(line.Number, "is neither SillyTavern chat metadata or message ('user_name', 'mes') nor a generic message ('role', 'text'); pass format=sillytavern or format=generic if the file is one of these");

    private static void Metadata(ChatLine line, List<string> warnings)
    {
        if (line.Fields["chat_metadata"] is JsonObject { Count: > 0 } metadata)
        {
            warnings.Add($"The chat's metadata ({string.Join(", ", metadata.Select(p => p.Key).Take(10))}) is not kept: this service keeps each message, not the chat's own settings.");
        }

        // The header's names and date have no event to live in: each message keeps its own speaker
        // and time, and an exported chat's header names the user and companion as they are here.
        var header = line.Fields.Where(p => p.Key != "chat_metadata" && p.Value is not null).Select(p => p.Key).ToList();
        if (header.Count > 0)
        {
            warnings.Add($"The chat's header ({string.Join(", ", header.Take(10))}) is not kept: each message keeps its own speaker name and time; a chat exported from here names the user and companion as they are here.");
        }
    }

    private static ImportedMessage SillyTavern(ChatLine line, ChatReadOptions options, List<string> warnings, out bool local)
    {
        var text = line.TakeString("mes", required: true) ?? "";
        var name = line.TakeString("name");
        var isUser = line.TakeBool("is_user");
        var isSystem = line.TakeBool("is_system");
        var swipes = line.TakeStrings("swipes");
        var swipeId = line.TakeInt("swipe_id");
        var sentAt = SillyTavernDates.Parse(line.Fields["send_date"], options.UtcOffset, out local);
        var role = isSystem ? MessageRole.System : isUser ? MessageRole.User : MessageRole.Companion;
        var extra = line.Fields["extra"] as JsonObject;
        var producer = role == MessageRole.Companion
            ? line.Producer(String(extra?["model"]), String(extra?["api"]), warnings)
            : null;
        return new ImportedMessage(line.Number, role, text, sentAt, name, producer, swipes, swipeId, line.Rest());
    }

    private static ImportedMessage Generic(ChatLine line, ChatReadOptions options, List<string> warnings, out bool local)
    {
        var roleName = line.TakeString("role", required: true);
        var role = roleName?.ToLowerInvariant() switch
        {
            "user" => MessageRole.User,
            "assistant" or "companion" or "character" or "model" => MessageRole.Companion,
            "system" => MessageRole.System,
            _ => throw ChatLine.Broken(line.Number, $"has the role '{roleName}'; use user, assistant (or companion) or system"),
        };
        var text = line.TakeString("text", required: true) ?? "";
        var name = line.TakeString("name");
        local = false;
        DateTimeOffset? sentAt = null;
        if (line.Fields["sentAt"] is { } sent)
        {
            sentAt = SillyTavernDates.Parse(sent, options.UtcOffset, out local)
                ?? throw ChatLine.Broken(line.Number, "has a 'sentAt' that is not a time (ISO 8601, or epoch milliseconds)");
            line.Fields.Remove("sentAt");
        }

        var model = line.TakeString("model");
        var producer = role == MessageRole.Companion ? line.Producer(model, null, warnings) : null;
        if (model is not null && producer is null)
        {
            line.Fields["model"] = model;
        }

        return new ImportedMessage(line.Number, role, text, sentAt, name, producer, null, null, line.Rest());
    }

    private static string? String(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Reads a <c>utcOffset</c> such as <c>+02:00</c>, <c>-0530</c> or <c>Z</c>; null when it is none.</summary>
    public static TimeSpan? ParseOffset(string text) =>
        text is "Z" or "z" ? TimeSpan.Zero
        : DateTimeOffset.TryParseExact("2000-01-01T00:00:00" + text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:sszz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.Offset
            : null;
}
