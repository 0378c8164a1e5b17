namespace Companion.Client.Tests;

/// <summary>
/// The client cannot drift from the API's document: every request it makes in the tour must be an
/// operation of the live <c>/openapi/v1.json</c>, with query parameters and a request body the
/// document declares, answered with a status the document lists.
/// </summary>
public sealed class OpenApiContractTests(ClientSilo silo) : IClassFixture<ClientSilo>
{
    // Every route the client has; the tours must use each, so a new one cannot go unchecked.
    private static readonly string[] ClientRoutes =
    [
        "POST /v1/users",
        "POST /v1/imports",
        "DELETE /v1/users/{userId}",
        "POST /v1/users/{userId}/tokens",
        "POST /v1/users/{userId}/tokens/revoke",
        "POST /v1/users/{userId}/companions",
        "POST /v1/users/{userId}/companions/from-card",
        "PATCH /v1/users/{userId}/companions/{companionId}/persona",
        "GET /v1/users/{userId}/companions/{companionId}/persona/history",
        "GET /v1/users/{userId}/companions/{companionId}/persona/diff",
        "POST /v1/users/{userId}/companions/{companionId}/persona/restore",
        "GET /v1/users/{userId}/companions/{companionId}/changes",
        "POST /v1/users/{userId}/companions/{companionId}/sessions",
        "POST /v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/messages",
        "POST /v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/end",
        "GET /v1/users/{userId}/companions/{companionId}/context",
        "POST /v1/users/{userId}/companions/{companionId}/memories",
        "GET /v1/users/{userId}/companions/{companionId}/memories",
        "PUT /v1/users/{userId}/companions/{companionId}/memories/{memoryId}/pin",
        "POST /v1/users/{userId}/companions/{companionId}/memories/{memoryId}/end",
        "DELETE /v1/users/{userId}/companions/{companionId}/memories/{memoryId}",
        "POST /v1/users/{userId}/companions/{companionId}/reset",
        "POST /v1/users/{userId}/companions/{companionId}/reset/undo",
        "POST /v1/users/{userId}/journal",
        "GET /v1/users/{userId}/journal",
        "GET /v1/users/{userId}/events",
        "GET /v1/users/{userId}/state",
        "GET /v1/users/{userId}/export",
        "GET /v1/practices",
        "GET /v1/users/{userId}/lookback",
        "GET /v1/users/{userId}/lookback.svg",
        "PUT /v1/users/{userId}/check-in",
        "GET /v1/users/{userId}/check-in",
        "DELETE /v1/users/{userId}/check-in",
        "PUT /v1/users/{userId}/rhythm",
        "GET /v1/users/{userId}/rhythm",
        "DELETE /v1/users/{userId}/rhythm",
        "PUT /v1/users/{userId}/companions/{companionId}/runtime",
        "GET /v1/users/{userId}/companions/{companionId}/avatar",
        "PUT /v1/users/{userId}/companions/{companionId}/avatar",
        "DELETE /v1/users/{userId}/companions/{companionId}/avatar",
        "GET /v1/users/{userId}/companions/{companionId}/lorebook",
        "POST /v1/users/{userId}/companions/{companionId}/lorebook",
        "PUT /v1/users/{userId}/companions/{companionId}/lorebook/entries/{entryId}",
        "POST /v1/users/{userId}/companions/{companionId}/lorebook/entries/{entryId}/disable",
        "DELETE /v1/users/{userId}/companions/{companionId}/lorebook/entries/{entryId}",
        "GET /v1/users/{userId}/search",
        "POST /v1/users/{userId}/companions/{companionId}/histories",
        "GET /v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/transcript",
        "GET /v1/users/{userId}/events/stream",
        "POST /v1/webhooks",
        "GET /v1/webhooks",
        "POST /v1/webhooks/{webhookId}/disable",
        "POST /v1/webhooks/{webhookId}/enable",
        "DELETE /v1/webhooks/{webhookId}",
        "GET /v1/webhooks/dead-letters",
        "POST /v1/webhooks/{webhookId}/replay",
    ];

    [Fact]
    public async Task Every_request_the_client_makes_in_both_tours_is_an_operation_of_the_live_openapi_document_answered_as_it_declares()
    {
        // A handler joins one HttpClient's pipeline only, so each tour gets its own recorder.
        var readme = new RecordingHandler();
        var app = new RecordingHandler();
        await ReadmeTour.RunAsync(silo, readme);
        await AppTour.RunAsync(silo, app);
        using var http = silo.CreateClient();
        var document = OpenApiDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));

        var problems = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in readme.Calls.Concat(app.Calls))
        {
            if (document.Find(call.Method, call.Path) is not { } operation)
            {
                problems.Add($"{call}: no such operation in the document");
                continue;
            }

            used.Add($"{call.Method} {operation.Template}");
            problems.AddRange(operation.Check(call).Select(problem => $"{call}: {problem}"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems.Distinct()));
        Assert.Equal(ClientRoutes.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_call_the_document_does_not_have_is_caught()
    {
        using var http = silo.CreateClient();
        var document = OpenApiDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var operation = document.Find("GET", "/v1/users/u_someone/journal");

        Assert.Null(document.Find("PATCH", "/v1/users/u_someone/journal"));
        Assert.Null(document.Find("GET", "/v1/users/u_someone/diary"));
        Assert.NotNull(operation);
        Assert.Contains("'since' is not a query parameter", operation.Check(new RecordedCall("GET", "/v1/users/u_someone/journal", "?since=x", null, 200)).Single());
    }

    [Fact]
    public async Task An_answer_whose_media_type_the_document_does_not_declare_is_caught()
    {
        using var http = silo.CreateClient();
        var document = OpenApiDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var export = document.Find("GET", "/v1/users/u_someone/export");

        Assert.NotNull(export);
        Assert.Empty(export.Check(new RecordedCall("GET", "/v1/users/u_someone/export", "", null, 200, "application/zip")));
        Assert.Contains("the answer 200 is text/html; the document declares application/zip",
            Assert.Single(export.Check(new RecordedCall("GET", "/v1/users/u_someone/export", "", null, 200, "text/html"))));
    }
}
