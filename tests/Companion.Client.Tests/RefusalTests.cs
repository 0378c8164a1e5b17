using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Companion.Client.Tests;

/// <summary>How the client reads refusals that did not come from the silo's own handlers (a proxy, a rate limiter).</summary>
public sealed class RefusalTests
{
    [Fact]
    public async Task A_refusal_that_is_not_problem_details_keeps_its_body_in_the_message_and_its_Retry_After()
    {
        var client = new CompanionClient(new HttpClient(new Answering(() => new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("slow down", Encoding.UTF8, "text/plain"),
            Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)) },
        })) { BaseAddress = new Uri("http://silo.test") }, "t");

        var refused = await Assert.ThrowsAsync<CompanionApiException>(() => client.GetStateAsync("u_robin0001"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Null(refused.Problem);
        Assert.Equal("429 Too Many Requests: slow down", refused.Message);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.RetryAfter);
    }

    [Fact]
    public async Task A_problem_keeps_its_type_trace_id_and_other_members()
    {
        const string problem = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Invalid request","status":400,"detail":"'text' is required.","traceId":"00-abc-01","errors":{"text":["required"]}}""";
        var client = new CompanionClient(new HttpClient(new Answering(() => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent(problem, Encoding.UTF8, "application/problem+json"),
        })) { BaseAddress = new Uri("http://silo.test") }, "t");

        var refused = await Assert.ThrowsAsync<CompanionApiException>(() => client.WriteJournalAsync("u_robin0001", new NewJournalEntry("")));

        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", refused.Problem?.Type);
        Assert.Equal("00-abc-01", refused.Problem?.TraceId);
        Assert.Equal("'text' is required.", refused.Detail);
        Assert.True(refused.Problem?.Extensions.ContainsKey("errors"));
        Assert.Equal("400 Bad Request: 'text' is required.", refused.Message);
    }

    [Fact]
    public async Task Ids_are_escaped_so_they_cannot_reach_another_route()
    {
        var handler = new Answering(() => new HttpResponseMessage(HttpStatusCode.NotFound));
        var client = new CompanionClient(new HttpClient(handler) { BaseAddress = new Uri("http://silo.test") }, "t");

        await Assert.ThrowsAsync<CompanionApiException>(() => client.GetStateAsync("../imports?x=1"));

        Assert.Equal("/v1/users/..%2Fimports%3Fx%3D1/state", handler.LastRequest?.RequestUri?.AbsolutePath);
    }

    /// <summary>Answers every request with a fresh response from <paramref name="respond"/>.</summary>
    private sealed class Answering(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        public HttpRequestMessage? LastRequest { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequest = request;
            return Task.FromResult(respond());
        }
    }
}
