using System.Text;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.Tests.Conformance;

public abstract partial class EventLogConformanceTests<TFixture>
{
    [Fact]
    public async Task Append_then_read_returns_identical_envelopes()
    {
        var envelopes = EnvelopeChain.Seal("user-1", StreamHead.Empty, [Event(1, "key-1"), Event(2), Event(3, "key-3")]);

        var version = await Log.AppendAsync("user-1", 0, envelopes);

        Assert.Equal(3, version);
        AssertSameEnvelopes(envelopes, await ReadAllAsync("user-1"));
    }

    [Fact]
    public async Task Appends_continue_the_hash_chain_across_calls()
    {
        var first = await AppendAtHeadAsync("user-1", 1, 2, 3);
        var second = await AppendAtHeadAsync("user-1", 4, 5);

        var stored = await ReadAllAsync("user-1");

        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, stored));
        Assert.Equal(first[^1].Hash, stored[3].PreviousHash);
        AssertSameEnvelopes(first.Concat(second), stored);
        Assert.Equal(new StreamHead(5, second[^1].Hash), await Log.GetHeadAsync("user-1"));
    }

    [Fact]
    public async Task Append_with_a_stale_expected_version_throws_a_conflict_and_writes_nothing()
    {
        var written = await AppendAtHeadAsync("user-1", 1, 2);
        var stale = Seal("user-1", new StreamHead(1, written[0].Hash), 99);

        var conflict = await Assert.ThrowsAsync<EventLogConflictException>(() => Log.AppendAsync("user-1", 1, stale));

        Assert.Equal("user-1", conflict.Stream);
        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Equal(2, conflict.ActualVersion);
        AssertSameEnvelopes(written, await ReadAllAsync("user-1"));
        Assert.Equal(new StreamHead(2, written[^1].Hash), await Log.GetHeadAsync("user-1"));
    }

    [Fact]
    public async Task Append_to_an_empty_stream_expecting_events_throws_a_conflict_and_writes_nothing()
    {
        var envelopes = Seal("user-1", new StreamHead(3, new string('a', 64)), 4);

        await Assert.ThrowsAsync<EventLogConflictException>(() => Log.AppendAsync("user-1", 3, envelopes));

        Assert.Empty(await ReadAllAsync("user-1"));
        Assert.Empty(await ListAllAsync());
    }

    [Fact]
    public async Task Append_whose_first_envelope_does_not_chain_to_the_head_throws_a_conflict_and_writes_nothing()
    {
        var written = await AppendAtHeadAsync("user-1", 1);
        var forked = Seal("user-1", new StreamHead(1, new string('b', 64)), 2);

        var conflict = await Assert.ThrowsAsync<EventLogConflictException>(() => Log.AppendAsync("user-1", 1, forked));

        Assert.Equal(1, conflict.ActualVersion);
        AssertSameEnvelopes(written, await ReadAllAsync("user-1"));
    }

    [Fact]
    public async Task Append_of_no_envelopes_throws_an_argument_exception()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Log.AppendAsync("user-1", 0, []));

        Assert.Empty(await ListAllAsync());
    }

    [Fact]
    public async Task Append_of_envelopes_with_versions_not_following_the_expected_version_throws_an_argument_exception()
    {
        var envelopes = Seal("user-1", new StreamHead(5, EnvelopeChain.GenesisHash), 1);

        await Assert.ThrowsAsync<ArgumentException>(() => Log.AppendAsync("user-1", 0, envelopes));

        Assert.Empty(await ReadAllAsync("user-1"));
    }

    [Fact]
    public async Task Append_of_envelopes_sealed_for_another_stream_throws_an_argument_exception()
    {
        var envelopes = Seal("user-2", StreamHead.Empty, 1);

        await Assert.ThrowsAsync<ArgumentException>(() => Log.AppendAsync("user-1", 0, envelopes));

        Assert.Empty(await ReadAllAsync("user-1"));
        Assert.Empty(await ReadAllAsync("user-2"));
    }

    [Fact]
    public async Task Append_of_envelopes_that_do_not_chain_to_each_other_throws_an_argument_exception()
    {
        var first = Seal("user-1", StreamHead.Empty, 1);
        var unchained = Seal("user-1", new StreamHead(1, new string('c', 64)), 2);

        await Assert.ThrowsAsync<ArgumentException>(() => Log.AppendAsync("user-1", 0, [first[0], unchained[0]]));

        Assert.Empty(await ReadAllAsync("user-1"));
    }

    [Fact]
    public async Task A_stream_name_with_unicode_and_quotes_round_trips()
    {
        const string stream = "ユーザー \"quoted\" 'single' ; DROP TABLE events; -- 🙂 ñ";
        var envelopes = Seal(stream, StreamHead.Empty, 1, 2);

        await Log.AppendAsync(stream, 0, envelopes);

        AssertSameEnvelopes(envelopes, await ReadAllAsync(stream));
        Assert.Equal(new StreamHead(2, envelopes[^1].Hash), await Log.GetHeadAsync(stream));
        Assert.Equal([stream], (await ListAllAsync()).Select(s => s.Stream));
    }

    [Fact]
    public async Task A_payload_with_unicode_and_escapes_round_trips_byte_for_byte()
    {
        var payload = Encoding.UTF8.GetBytes("""{"text":"héllo \"wörld\" \u2603 🙂\n","nested":{"a":[1,2.5,null,true]}}""");
        var envelopes = EnvelopeChain.Seal("user-1", StreamHead.Empty, [new EventData("message-recorded", 3, DateTimeOffset.UnixEpoch, null, payload)]);

        await Log.AppendAsync("user-1", 0, envelopes);

        var stored = Assert.Single(await ReadAllAsync("user-1"));
        Assert.Equal(payload, stored.Payload.ToArray());
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, [stored]));
    }
}
