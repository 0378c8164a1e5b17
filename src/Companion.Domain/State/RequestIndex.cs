using System.Collections.Immutable;

namespace Companion.Domain.State;

/// <summary>
/// The client keys of the most recent keyed commands and what they produced, so a retried
/// command is answered with the original result and writes nothing. Bounded to
/// <see cref="Capacity"/> keys per user: retries arrive within seconds, not after ten thousand
/// newer commands.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.request-index")]
public sealed record RequestIndex(
    [property: Id(0)] ImmutableSortedDictionary<string, RequestOutcome> Outcomes,
    [property: Id(1)] ImmutableQueue<string> Order)
{
    public const int Capacity = 10_000;

    public static RequestIndex Empty { get; } = new(ImmutableSortedDictionary<string, RequestOutcome>.Empty, []);

    public RequestOutcome? Find(string scope, string key) =>
        Outcomes.TryGetValue(Compose(scope, key), out var outcome) ? outcome : null;

    public RequestIndex Remember(string scope, string key, RequestOutcome outcome)
    {
        var composite = Compose(scope, key);
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

    private static string Compose(string scope, string key) => $"{scope}/{key}";
}

/// <summary>What a keyed command produced: the entity it created and the version of its event.</summary>
[Immutable, GenerateSerializer, Alias("companion.request-outcome")]
public sealed record RequestOutcome(
    [property: Id(0)] string ResultId,
    [property: Id(1)] long Version);
