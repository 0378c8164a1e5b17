using System.Reflection;

namespace Companion.Domain.Events;

/// <summary>
/// A client's key for a command, scoped to what it identifies: the stored name of the event the
/// command produces, then the ids it lives under (a message id within its companion and
/// session), so the same client key in another session or companion is another request. The
/// scope comes from the event type itself (<see cref="For{TEvent}"/>), never a string typed twice.
/// </summary>
/// <param name="Scope">The event's stored name and the ids it lives under, '/'-separated.</param>
/// <param name="ClientKey">The key the client sent.</param>
public sealed record RequestKey(string Scope, string ClientKey)
{
    /// <summary>The key within <typeparamref name="TEvent"/>'s scope and the ids in <paramref name="within"/>; null when the client sent no key.</summary>
    public static RequestKey? For<TEvent>(string? clientKey, params ReadOnlySpan<string> within)
        where TEvent : UserEvent =>
        clientKey is null ? null : new RequestKey(within.IsEmpty ? Scopes<TEvent>.Name : $"{Scopes<TEvent>.Name}/{string.Join('/', within)}", clientKey);

    /// <summary>The one string the request index holds it under.</summary>
    public override string ToString() => $"{Scope}/{ClientKey}";

    private static class Scopes<TEvent>
    {
        public static readonly string Name = typeof(TEvent).GetCustomAttribute<EventTypeAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(TEvent).Name} has no [EventType]; a keyed command's scope is its event's stored name.");
    }
}
