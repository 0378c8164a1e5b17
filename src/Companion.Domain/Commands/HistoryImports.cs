using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Domain.Commands;

/// <summary>
/// Decides the events of a chat history import: a new session, then every message in file
/// order (each companion message whose producer is new preceded by a runtime change), appended
/// together so the import is whole or absent. Pure, like <see cref="UserDecisions"/>.
/// </summary>
public static class HistoryImports
{
    public static IReadOnlyList<UserEvent> Decide(
        UserState state, string companionId, string sessionId, Func<string> newMessageId, HistoryImport history, DateTimeOffset now)
    {
        var companion = UserDecisions.RequireCompanion(state, companionId);
        if (history.Messages.Length > Limits.ImportedMessages)
        {
            throw DomainException.Invalid(
                $"The history has {history.Messages.Length} messages; one import takes at most {Limits.ImportedMessages}. Split the file and import each part.");
        }

        var events = new List<UserEvent>(history.Messages.Length + 1)
        {
            new SessionStarted(companionId, sessionId, Validate.OptionalClientKey(history.RequestId, "requestId"), now),
        };
        var runtime = companion.Runtime;
        foreach (var message in history.Messages)
        {
            var recorded = Message(companionId, sessionId, newMessageId(), message, now);
            if (recorded is { Role: MessageRole.Companion, Producer: { } to } && !to.Equals(runtime))
            {
                events.Add(new CompanionRuntimeChanged(companionId, runtime, to, now));
                runtime = to;
            }

            events.Add(recorded);
        }

        return events;
    }

    private static MessageRecorded Message(string companionId, string sessionId, string messageId, ImportedMessage message, DateTimeOffset now)
    {
        try
        {
            if (!Enum.IsDefined(message.Role))
            {
                throw DomainException.Invalid("the role must be user, companion or system.");
            }

            var swipes = message.Swipes;
            if (swipes is { } alternates)
            {
                if (alternates.Length > Limits.Swipes)
                {
                    throw DomainException.Invalid($"'swipes' has {alternates.Length} replies; the limit is {Limits.Swipes}.");
                }

                foreach (var swipe in alternates)
                {
                    Validate.Text(swipe, "swipes[]", Limits.MessageText);
                }

                if (message.SwipeId is { } chosen && (chosen < 0 || chosen >= alternates.Length))
                {
                    throw DomainException.Invalid($"'swipe_id' is {chosen}, but there are {alternates.Length} swipes.");
                }
            }

            return new MessageRecorded(
                companionId, sessionId, messageId, message.Role,
                Validate.Text(message.Text, "text", Limits.MessageText),
                message.Producer is { } producer ? UserDecisions.ValidProducer(producer) : null,
                null,
                now,
                message.SentAt,
                Validate.OptionalText(message.SpeakerName, "name", Limits.DisplayName),
                swipes,
                message.SwipeId,
                message.SourceFields is { } fields ? Validate.JsonObjectText(fields, "fields", Limits.MessageSourceFields) : null);
        }
        catch (DomainException refused) when (refused.Kind == DomainErrorKind.Invalid)
        {
            throw DomainException.Invalid($"Line {message.Line}: {refused.Message} Nothing was written.");
        }
    }
}
