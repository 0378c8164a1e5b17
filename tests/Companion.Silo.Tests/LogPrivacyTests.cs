using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Companion.Silo.Tests;

/// <summary>People's words and their tokens never reach the logs, even at the most verbose level and on errors.</summary>
public sealed class LogPrivacyTests
{
    private const string Secret = "my-sister-Ada-secret-phrase";

    [Fact]
    public async Task Texts_and_tokens_never_appear_in_any_log_line()
    {
        var sink = new CapturingLoggerProvider();
        await using var silo = new SiloFactory { LogSink = sink };
        silo.Settings["Logging:LogLevel:Default"] = "Trace";
        silo.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        silo.Settings["Logging:LogLevel:Orleans"] = "Debug";
        var (userId, client) = await silo.NewUserAsync(displayName: Secret);
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var companionId = await client.NewCompanionAsync(userId, name: Secret);
        var sessionId = await client.NewSessionAsync(userId, companionId);

        await client.SayAsync(userId, companionId, sessionId, $"I told nobody: {Secret}").Expect(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = Secret, mood = "calm" }).Expect(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/memories", new { text = Secret }).Expect(HttpStatusCode.Created);
        await client.PostAsync($"/v1/users/{userId}/journal", new StringContent($"{{\"text\":\"{Secret}", Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.BadRequest);
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = Secret + "\u0001" }).Expect(HttpStatusCode.BadRequest);
        await client.SayAsync(userId, companionId, "s_closed0000000000", Secret).Expect(HttpStatusCode.Conflict);
        await silo.ClientWith(token + "x").GetAsync($"/v1/users/{userId}/state");
        await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context").Expect(HttpStatusCode.OK);

        var lines = sink.Lines.ToList();
        Assert.True(lines.Count > 50, $"expected verbose logging, got {lines.Count} lines");
        Assert.Contains(lines, line => line.Contains($"/v1/users/{userId}/journal", StringComparison.Ordinal)); // the sink sees request details
        Assert.DoesNotContain(lines, line => line.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(silo.AdminToken!, StringComparison.Ordinal));
    }
}
