using Companion.Domain.Events;
using Companion.EventLog;

namespace Companion.Grains.Tests;

/// <summary>
/// Storage that fails the ways real storage does: an append whose answer is lost must not be
/// written twice, and a failed append is retried until its outcome is known.
/// </summary>
public sealed class StorageFaultTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task An_append_whose_answer_was_lost_is_acknowledged_once_and_written_once()
    {
        var (user, companion, session) = await NewSessionAsync();
        fixture.Storage.LoseNextAppendAnswersAfterWriting(1);

        var result = await user.RecordMessage(companion, session, MessageRole.User, "Did that arrive?", null, "lost-answer");
        var next = await user.RecordMessage(companion, session, MessageRole.User, "And this one?", null, null);

        var envelopes = await ReadAllAsync(user.GetPrimaryKeyString());
        Assert.Equal(4, result.Version);
        Assert.Equal(5, next.Version);
        Assert.Single(envelopes, e => e.IdempotencyKey == "lost-answer");
        Assert.Equal(5, envelopes.Count);
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, envelopes));
    }

    [Fact]
    public async Task An_append_that_failed_before_writing_is_retried_until_it_is_written_once()
    {
        var (user, companion, session) = await NewSessionAsync();
        fixture.Storage.FailNextAppendsBeforeWriting(2);
        fixture.Storage.FailNextHeadReads(1);

        var result = await user.RecordMessage(companion, session, MessageRole.User, "Third time lucky", null, "retried");

        var envelopes = await ReadAllAsync(user.GetPrimaryKeyString());
        Assert.Equal(4, result.Version);
        Assert.Single(envelopes, e => e.IdempotencyKey == "retried");
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, envelopes));
        Assert.Equal(4, (await user.GetState()).Version);
    }

    private async Task<(IUserGrain User, string Companion, string Session)> NewSessionAsync()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona.Empty with { Description = "steady" }, null);
        var session = await user.StartSession(companion.Id, null);
        return (user, companion.Id, session.Id);
    }

    private async Task<List<EventEnvelope>> ReadAllAsync(string stream)
    {
        var envelopes = new List<EventEnvelope>();
        await foreach (var envelope in fixture.Log.ReadAsync(stream))
        {
            envelopes.Add(envelope);
        }

        return envelopes;
    }
}
