using System.Text;
using Companion.Domain.Events;
using Companion.Domain.Projections;

namespace Companion.Continuity.Rendering;

/// <summary>
/// A conversation session as Markdown, the same text in the archive (spooled event by event) and
/// from the transcript endpoint (a whole session at once).
/// </summary>
public static class TranscriptMarkdown
{
    /// <summary>A whole session: the companion's name, the start, every message, the end if it ended.</summary>
    public static string Render(SessionTranscript transcript, string ownerName, string companionName)
    {
        var text = new StringBuilder(Title(companionName))
            .Append(Started(transcript.SessionId, transcript.CompanionId, transcript.StartedAt));
        foreach (var message in transcript.Messages)
        {
            text.Append(Message(message, message.Role == MessageRole.User ? ownerName : companionName));
        }

        if (transcript.EndedAt is { } ended)
        {
            text.Append(Ended(ended));
        }

        return text.ToString();
    }

    internal static string Title(string companionName) => $"# Conversation with {companionName}\n\n";

    internal static string Started(string sessionId, string companionId, DateTimeOffset at) =>
        $"Session {sessionId} with companion {companionId}, started {Markdown.Time(at)}.\n";

    /// <summary>
    /// One message: who (its own speaker name when it came with one), its role, when it was said
    /// (and when it was recorded here, when that differs), its model, and its text.
    /// </summary>
    internal static string Message(MessageRecorded message, string speaker) =>
        AppendMessage(new StringBuilder(), message, speaker).ToString();

    /// <summary><see cref="Message"/> appended to <paramref name="line"/>, which the archive's spool reuses for every message.</summary>
    internal static StringBuilder AppendMessage(StringBuilder line, MessageRecorded message, string speaker)
    {
        line.Append('\n').Append("**").Append(message.SpeakerName ?? speaker).Append("** (").Append(Role(message.Role)).Append(") · ");
        Markdown.AppendTime(line, message.SaidAt);
        if (message.SentAt is not null)
        {
            line.Append(" · imported ");
            Markdown.AppendTime(line, message.OccurredAt);
        }

        if (message.ModelId is { } model)
        {
            line.Append(" · model ").Append(model);
        }

        var text = message.Text.Contains('\r') ? Markdown.Normalize(message.Text) : message.Text;
        line.Append('\n').Append(text.AsSpan().TrimEnd('\n')).Append('\n');
        if (message.Swipes is { Length: > 1 } swipes)
        {
            line.Append("\n_").Append(swipes.Length).Append(" alternate replies were kept; the one shown is ").Append((message.SwipeId ?? 0) + 1).Append("._\n");
        }

        return line;
    }

    internal static string Ended(DateTimeOffset at) => $"\n_Session ended {Markdown.Time(at)}._\n";

    private static string Role(MessageRole role) => role switch
    {
        MessageRole.User => "user",
        MessageRole.System => "system",
        _ => "companion",
    };
}
