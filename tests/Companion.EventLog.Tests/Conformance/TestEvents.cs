using System.Text;

namespace Companion.EventLog.Tests.Conformance;

/// <summary>Small, recognisable events for event log tests.</summary>
public static class TestEvents
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5358979);

    /// <summary>A <c>test-happened</c> event whose payload is <c>{"n":n}</c>.</summary>
    public static EventData Event(int n, string? idempotencyKey = null) =>
        new("test-happened", 1, Start.AddSeconds(n), idempotencyKey, Encoding.UTF8.GetBytes($$"""{"n":{{n}}}"""));

    /// <summary>Seals events numbered <paramref name="numbers"/> to follow <paramref name="head"/>.</summary>
    public static IReadOnlyList<EventEnvelope> Seal(string stream, StreamHead head, params int[] numbers) =>
        EnvelopeChain.Seal(stream, head, numbers.Select(n => Event(n)));
}
