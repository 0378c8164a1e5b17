using System.Text;
using System.Text.Json;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.Tests.Conformance;

/// <summary>
/// The behaviour every <see cref="IEventLog"/> provider must show. A provider adopts it in one
/// line: <c>public sealed class XxxEventLogTests : EventLogConformanceTests&lt;XxxFixture&gt;;</c>
/// Each test gets a fresh fixture, so a fresh, empty log.
/// </summary>
public abstract partial class EventLogConformanceTests<TFixture> : IAsyncLifetime
    where TFixture : IEventLogFixture, new()
{
    private readonly TFixture _fixture = new();
    private IEventLog? _log;

    /// <summary>The log under test.</summary>
    protected IEventLog Log => _log ?? throw new InvalidOperationException("The log is opened in InitializeAsync.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _log = await _fixture.CreateLogAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    /// <summary>Appends events numbered <paramref name="numbers"/> at the stream's current head.</summary>
    protected async Task<IReadOnlyList<EventEnvelope>> AppendAtHeadAsync(string stream, params int[] numbers)
    {
        var head = await Log.GetHeadAsync(stream);
        var envelopes = Seal(stream, head, numbers);
        await Log.AppendAsync(stream, head.Version, envelopes);
        return envelopes;
    }

    /// <summary>Reads a stream into a list.</summary>
    protected async Task<List<EventEnvelope>> ReadAllAsync(string stream, long fromVersion = 1)
    {
        var envelopes = new List<EventEnvelope>();
        await foreach (var envelope in Log.ReadAsync(stream, fromVersion))
        {
            envelopes.Add(envelope);
        }

        return envelopes;
    }

    /// <summary>Lists the catalog into a list.</summary>
    protected async Task<List<StreamInfo>> ListAllAsync(string? after = null, int limit = 100)
    {
        var streams = new List<StreamInfo>();
        await foreach (var info in Log.ListStreamsAsync(after, limit))
        {
            streams.Add(info);
        }

        return streams;
    }

    /// <summary>Asserts two envelope lists are equal field for field, payload bytes included.</summary>
    protected static void AssertSameEnvelopes(IEnumerable<EventEnvelope> expected, IEnumerable<EventEnvelope> actual) =>
        Assert.Equal(expected.Select(ToJson), actual.Select(ToJson));

    private static string ToJson(EventEnvelope envelope)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            EnvelopeJson.Write(writer, envelope);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
