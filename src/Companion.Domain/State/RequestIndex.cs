using System.Collections.Immutable;
using Companion.Domain.Events;

namespace Companion.Domain.State;

/// <summary>
/// The client keys of the most recent keyed commands and what they produced, so a retried
/// command is answered with the original result and writes nothing. Bounded to
/// <see cref="Capacity"/> keys per user: retries arrive within seconds, not after ten thousand
/// newer commands. Keys are held scoped (<see cref="RequestKey"/>): the same client key under
/// another companion or session is another request.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.request-index")]
public sealed record RequestIndex(
    [property: Id(0)] ImmutableSortedDictionary<string, RequestOutcome> Outcomes,
    [property: Id(1)] ImmutableQueue<string> Order)
{
    public const int Capacity = 10_000;

    public static RequestIndex Empty { get; } = new(ImmutableSortedDictionary.Create<string, RequestOutcome>(StateKeyComparer.Instance), []);

    public RequestOutcome? Find(RequestKey key) =>
        Outcomes.TryGetValue(key.ToString(), out var outcome) ? outcome : null;

    public RequestIndex Remember(RequestKey key, RequestOutcome outcome)
    {
        var composite = key.ToString();
        if (Outcomes.ContainsKey(composite))
        {
            return this;
        }

        var outcomes = Outcomes.Add(composite, outcome);
        var order = Order.Enqueue(composite);
        if (outcomes.Count > Capacity)
        {
            order = order.Dequeue(out var oldest);
            outcomes = outcomes.Remove(oldest);
        }

        return new RequestIndex(outcomes, order);
    }
}

/// <summary>What a keyed command produced: the entity it created, the version of its event, and what it asked for.</summary>
/// <param name="ResultId">The id of what the command created or changed.</param>
/// <param name="Version">The version of its event.</param>
/// <param name="Fingerprint">The event's <see cref="UserEvent.Fingerprint"/>: a retry must ask for the same.</param>
[Immutable, GenerateSerializer, Alias("companion.request-outcome")]
public sealed record RequestOutcome(
    [property: Id(0)] string ResultId,
    [property: Id(1)] long Version,
    [property: Id(2)] string Fingerprint);
