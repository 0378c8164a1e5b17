using Azure.Core;
using static Companion.EventLog.AzureStorage.Tests.AzureBlobSegmentTests;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>An append whose block is stored but whose answer is lost succeeds once, never twice.</summary>
public sealed class AzureBlobLostAnswerTests : IAsyncLifetime
{
    private readonly AzureBlobEventLogFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public async Task An_append_whose_answer_is_lost_is_stored_exactly_once_and_reported_as_done(int clientRetries)
    {
        await _fixture.OpenAsync();
        var lostAnswer = new LostAnswerPolicy();
        var log = new AzureBlobEventLog(
            new AzureBlobEventLogOptions { ConnectionString = _fixture.ConnectionString, ContainerName = _fixture.ContainerName },
            client =>
            {
                client.Retry.MaxRetries = clientRetries;
                client.AddPolicy(lostAnswer, HttpPipelinePosition.PerRetry);
            });
        var first = Seal("user-1", StreamHead.Empty, 1);
        await log.AppendAsync("user-1", 0, first);
        var second = Seal("user-1", new StreamHead(1, first[0].Hash), 2, 3);

        var version = await log.AppendAsync("user-1", 1, second);

        Assert.Equal(1, lostAnswer.Lost);
        Assert.Equal(3, version);
        var stored = await ReadAllAsync(await _fixture.OpenAsync(), "user-1");
        Assert.Equal([1L, 2, 3], stored.Select(e => e.Version));
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, stored));
    }
}
