using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Companion.Cli.Simulate;
using Companion.Client;

namespace Companion.Cli.Tests;

public sealed class SimulationClientTests
{
    [Fact]
    public async Task A_429_is_retried_with_the_same_messageId_after_waiting_its_Retry_After()
    {
        var silo = new ScriptedSilo(
            () => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)) } },
            () => new HttpResponseMessage(HttpStatusCode.Created) { Content = JsonContent.Create(new { messageId = "m1", version = 5, duplicate = false }) });
        var stats = new SimulationStats();
        var client = new SimulationClient(new CompanionClient(new HttpClient(silo) { BaseAddress = new Uri("http://silo.test") }, "user-token"), stats, TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();

        var answer = await client.SendAsync("user-message", (api, ct) => api.RecordMessageAsync("u1", "c1", "s1", new NewMessage(MessageRole.User, "Hello.", "sim-m000001"), ct), CancellationToken.None);

        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}");
        Assert.Equal(5, answer?.Version);
        Assert.Equal(2, silo.Bodies.Count);
        Assert.All(silo.Bodies, body => Assert.Contains("\"messageId\":\"sim-m000001\"", body));
        Assert.Equal((1, 1, 0), (stats.Requests, stats.Retried, stats.Errors));
    }

    [Fact]
    public async Task A_request_still_failing_after_the_bounded_attempts_counts_one_error_by_status()
    {
        var silo = new ScriptedSilo(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var stats = new SimulationStats();
        var client = new SimulationClient(new CompanionClient(new HttpClient(silo) { BaseAddress = new Uri("http://silo.test") }, "user-token"), stats, TimeSpan.FromSeconds(30));

        var answer = await client.SendAsync("journal", (api, ct) => api.WriteJournalAsync("u1", new NewJournalEntry("An entry.", RequestId: "sim-j000001"), ct), CancellationToken.None);

        Assert.Null(answer);
        Assert.Equal(SimulationClient.MaxAttempts, silo.Bodies.Count);
        Assert.Equal(SimulationClient.MaxAttempts - 1, stats.Retried);
        Assert.Equal(1, stats.ErrorsByStatus["503"]);
    }

    [Fact]
    public async Task A_refusal_that_retrying_cannot_fix_is_not_retried()
    {
        var silo = new ScriptedSilo(() => new HttpResponseMessage(HttpStatusCode.BadRequest));
        var stats = new SimulationStats();
        var client = new SimulationClient(new CompanionClient(new HttpClient(silo) { BaseAddress = new Uri("http://silo.test") }, "user-token"), stats, TimeSpan.FromSeconds(30));

        await client.SendAsync("memory", (api, ct) => api.RecordMemoryAsync("u1", "c1", new NewMemory("x"), ct), CancellationToken.None);

        Assert.Single(silo.Bodies);
        Assert.Equal((0, 1), (stats.Retried, stats.ErrorsByStatus["400"]));
    }

    /// <summary>Answers with the scripted responses in turn, repeating the last, and keeps every request body.</summary>
    private sealed class ScriptedSilo(params Func<HttpResponseMessage>[] responses) : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
            return responses[Math.Min(Bodies.Count, responses.Length) - 1]();
        }
    }
}
