using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using Companion.Continuity;
using Companion.Domain.Events;
using Companion.EventLog;

namespace Companion.Silo.Tests;

/// <summary>
/// Ids and labels are their whole text: "x\n" is refused, never taken for a new, lookalike "x"
/// (a .NET <c>$</c> matches before a final line break).
/// </summary>
public sealed class LookalikeIdTests(ContinuityFixture silos) : IClassFixture<ContinuityFixture>
{
    [Theory]
    [InlineData("messageId")]
    [InlineData("modelId")]
    [InlineData("runtime")]
    public async Task A_message_whose_client_key_or_model_ends_in_a_line_break_is_refused_with_400(string field)
    {
        var (userId, client) = await silos.Source.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        var before = await client.HeadVersionAsync(userId);
        var body = new Dictionary<string, string> { ["role"] = "companion", ["text"] = "hi", ["modelId"] = "demo-model", [field] = "lookalike\n" };

        var problem = await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/messages", body)
            .Expect(HttpStatusCode.BadRequest);

        Assert.Contains($"'{field}'", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await client.HeadVersionAsync(userId));
    }

    [Theory]
    [InlineData("mood")]
    [InlineData("prompt")]
    [InlineData("requestId")]
    public async Task A_journal_label_or_request_id_ending_in_a_line_break_is_refused_with_400(string field)
    {
        var (userId, client) = await silos.Source.NewUserAsync();
        var body = new Dictionary<string, string> { ["text"] = "A quiet day.", [field] = "calm\n" };

        var problem = await client.PostAsJsonAsync($"/v1/users/{userId}/journal", body).Expect(HttpStatusCode.BadRequest);

        Assert.Contains($"'{field}'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_memory_kind_ending_in_a_line_break_is_refused_with_400()
    {
        var (userId, client) = await silos.Source.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);

        var problem = await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/memories", new { text = "Robin likes tea.", kind = "fact\n" })
            .Expect(HttpStatusCode.BadRequest);

        Assert.Contains("'kind'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_user_route_with_a_line_break_after_the_id_is_not_the_user()
    {
        var (userId, client) = await silos.Source.NewUserAsync();

        await client.GetAsync($"/v1/users/{userId}%0A/state").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Import_refuses_an_archive_for_a_lookalike_of_an_existing_user_with_400_and_writes_nothing()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var before = await client.HeadVersionAsync(userId);

        var problem = await silos.Source.Admin().ImportAsync(await ArchiveOfAsync(userId + "\n")).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("is not a user id this service makes", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task Import_refuses_an_archive_for_a_lookalike_of_an_erased_user_with_400()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        await client.DeleteAsync($"/v1/users/{userId}").Expect(HttpStatusCode.OK);

        var problem = await silos.Source.Admin().ImportAsync(await ArchiveOfAsync(userId + "\n")).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("is not a user id this service makes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public void Every_pattern_in_the_service_is_anchored_to_the_whole_text()
    {
        Assembly[] service = [typeof(Domain.UserIds).Assembly, typeof(ArchiveFormat).Assembly, typeof(EventEnvelope).Assembly, typeof(Grains.IUserGrain).Assembly, typeof(Program).Assembly];
        var patterns = service
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<GeneratedRegexAttribute>()?.Pattern)
            .OfType<string>()
            .ToList();

        Assert.Contains(patterns, p => p.Contains("[a-z]{1,4}_", StringComparison.Ordinal));
        Assert.All(patterns, p => Assert.True(p.StartsWith(@"\A", StringComparison.Ordinal) && p.EndsWith(@"\z", StringComparison.Ordinal), $"'{p}' is not anchored with \\A and \\z"));
    }

    /// <summary>An honest, unencrypted archive of a user registering, under <paramref name="userId"/>.</summary>
    private static async Task<byte[]> ArchiveOfAsync(string userId)
    {
        var registry = EventTypeRegistry.ForUserEvents();
        var envelopes = EnvelopeChain.Seal(userId, StreamHead.Empty, [registry.ToData(new UserRegistered(userId, "Mallory", DateTimeOffset.UtcNow))]);
        using var buffer = new MemoryStream();
        await new ArchiveWriter(registry).WriteAsync(buffer, envelopes.ToAsyncEnumerable());
        return buffer.ToArray();
    }
}
