using System.Collections.Concurrent;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.Tests.Conformance;

public abstract partial class EventLogConformanceTests<TFixture>
{
    [Fact]
    public async Task Concurrent_appenders_on_one_stream_leave_a_gap_free_verified_chain_with_every_acknowledged_event_once()
    {
        const string stream = "contended";
        const int writers = 8;
        const int eventsPerWriter = 25;
        var acknowledged = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var n = 0; n < eventsPerWriter; n++)
            {
                var key = $"{writer}-{n}";
                while (true)
                {
                    var head = await Log.GetHeadAsync(stream);
                    var envelopes = EnvelopeChain.Seal(stream, head, [Event(n, key)]);
                    try
                    {
                        await Log.AppendAsync(stream, head.Version, envelopes);
                        acknowledged.Add(key);
                        break;
                    }
                    catch (EventLogConflictException)
                    {
                        // Another writer got there first: re-read the head and try again.
                    }
                }
            }
        })));

        var stored = await ReadAllAsync(stream);
        Assert.Equal(writers * eventsPerWriter, acknowledged.Count);
        Assert.Equal(Enumerable.Range(1, writers * eventsPerWriter).Select(v => (long)v), stored.Select(e => e.Version));
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, stored));
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), stored.Select(e => e.IdempotencyKey ?? "").Order(StringComparer.Ordinal));
        Assert.Equal(new StreamHead(stored.Count, stored[^1].Hash), await Log.GetHeadAsync(stream));
    }

    [Fact]
    public async Task Concurrent_appenders_on_many_streams_all_succeed()
    {
        const int streams = 200;
        const int appendsPerStream = 10;

        await Task.WhenAll(Enumerable.Range(0, streams).Select(s => Task.Run(async () =>
        {
            var stream = $"user-{s:D3}";
            var head = StreamHead.Empty;
            for (var n = 1; n <= appendsPerStream; n++)
            {
                var envelopes = EnvelopeChain.Seal(stream, head, [Event(n)]);
                var version = await Log.AppendAsync(stream, head.Version, envelopes);
                Assert.Equal(n, version);
                head = new StreamHead(version, envelopes[^1].Hash);
            }
        })));

        var catalog = await ListAllAsync(limit: 1000);
        Assert.Equal(streams, catalog.Count);
        Assert.All(catalog, info => Assert.Equal(appendsPerStream, info.Version));
        foreach (var info in catalog)
        {
            var stored = await ReadAllAsync(info.Stream);
            Assert.Equal(appendsPerStream, stored.Count);
            Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, stored));
            Assert.Equal(stored[^1].Hash, info.HeadHash);
        }
    }
}
