// The README's tour, driven through the client NSwag generates from the live /openapi/v1.json.
// Built and run by OpenApiContractTests in a temporary project; not compiled into the tests.
// Usage: Tour <base url> <admin token>. Prints one line per check; exits 1 on the first failure.
using System.Net.Http.Headers;
using System.Text.Json;
using Companion.Generated;

var admin = new HttpClient();
admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", args[1]);
var user = await new CompanionClient(admin) { BaseUrl = args[0] }.CreateUserAsync(new CreateUserRequest { DisplayName = "Robin" });
var http = new HttpClient();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
var api = new CompanionClient(http) { BaseUrl = args[0] };
var u = user.UserId;

// Any JSON object: the document says so (additionalProperties: {}), and NSwag makes it a dictionary.
var extensions = new Dictionary<string, object> { ["depth"] = new Dictionary<string, object> { ["level"] = 2 } };
var companion = await api.CreateCompanionAsync(u, new CreateCompanionRequest
{
    Name = "Sol",
    Persona = new PersonaBody { Description = "A calm, curious friend.", Personality = "warm, patient", Extensions = extensions },
});
var c = companion.CompanionId;
var session = await api.StartSessionAsync(u, c, null);
var s = session.SessionId;
await api.RecordMessageAsync(u, c, s, new MessageRequest { Role = "user", Text = "People always leave.", MessageId = "client-1" });
await api.RecordMessageAsync(u, c, s, new MessageRequest { Role = "companion", Text = "I am still here. Who stayed, even once?", ModelId = "demo-model" });
var again = await api.RecordMessageAsync(u, c, s, new MessageRequest { Role = "user", Text = "People always leave.", MessageId = "client-1" });
Check(again.Duplicate, "a repeated messageId is answered as a duplicate");

await api.RecordMemoryAsync(u, c, new MemoryRequest { Text = "Robin is reframing the story that people always leave.", Kind = "insight", Salience = 0.9, Pinned = true });
var lyon = await api.RecordMemoryAsync(u, c, new MemoryRequest { Text = "Robin lives in Lyon.", Kind = "fact" });
var oslo = await api.RecordMemoryAsync(u, c, new MemoryRequest { Text = "Robin lives in Oslo.", Kind = "fact", Supersedes = lyon.MemoryId, ValidFrom = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero) });
var facts = await api.ListMemoriesAsync(u, c, null, null, null, true);
Check(facts.Memories.Count == 3 && facts.Memories.Single(m => m.Id == lyon.MemoryId).SupersededBy == oslo.MemoryId, "a superseded memory is kept, marked with its successor");
await api.WriteJournalEntryAsync(u, new JournalRequest { Prompt = "secure-base-check-in", Text = "Woke up anxious, then remembered Ada called back.", Mood = "hopeful" });

var context = await api.GetContextAsync(u, c, 4000, null, null, null, null);
Check(context.RecentMessages.Count == 2 && context.RecentMessages.First().Role == MessageRole.User, "the context holds both messages, roles typed");
// Recall indexes after the append, so a memory may take a moment to be found; a recalled memory has no role.
RecalledItem? memory = null;
for (var attempt = 0; attempt < 50 && memory is null; attempt++)
{
    var asked = await api.GetContextAsync(u, c, 4000, null, "Where does Robin live now?", null, null);
    memory = asked.Recalled.FirstOrDefault(r => r.Kind == RecallKind.Memory);
    if (memory is null)
    {
        await Task.Delay(100);
    }
}

Check(memory is { Role: null }, "a recalled memory reads with no role");
var journal = await api.ReadJournalAsync(u, null, null);
Check(journal.Entries.Count == 1, "the journal holds the entry");
var events = await api.ReadEventsAsync(u, 1, 10);
Check(events.Events.Count == events.HeadVersion && events.Next is null, "the log page holds every event");
var state = await api.GetStateAsync(u, null, null);
var kept = (JsonElement)state.Companions[c].Persona.Extensions["depth"];
Check(kept.ValueKind == JsonValueKind.Object && kept.GetProperty("level").GetInt32() == 2, "persona extensions come back as the object sent");

using (var export = await api.ExportUserAsync(u))
using (var zip = new MemoryStream())
{
    await export.Stream.CopyToAsync(zip);
    Check(zip.Length > 100 && zip.GetBuffer()[0] == (byte)'P' && zip.GetBuffer()[1] == (byte)'K', "the export is a zip");
}

await Refused(409, () => api.UndoResetAsync(u, c, null));
await api.EraseUserAsync(u);
await Refused(410, () => api.GetStateAsync(u, null, null));
Console.WriteLine("tour complete");
return 0;

static void Check(bool condition, string what)
{
    if (!condition)
    {
        Console.WriteLine($"FAILED: {what}");
        Environment.Exit(1);
    }

    Console.WriteLine($"ok: {what}");
}

static async Task Refused(int status, Func<Task> call)
{
    try
    {
        await call();
        Check(false, $"{status} expected");
    }
    catch (ApiException<ProblemDetails> problem) when (problem.StatusCode == status)
    {
        Console.WriteLine($"{status}: {problem.Result.Detail}");
    }
}
