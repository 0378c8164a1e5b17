using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Companion.Testing;

namespace Companion.Silo.Tests;

/// <summary>
/// Through real Kestrel, not the test server: a query far longer than Kestrel's default request
/// line (8 KiB) reaches the endpoint, which says what is wrong with it, instead of a bare 414.
/// </summary>
public sealed class LongQueryTests
{
    private const string AdminToken = "long-query-admin-token";

    [Theory]
    [InlineData("a")]
    [InlineData("愛")]
    [InlineData("🙂")]
    public async Task A_ten_thousand_character_search_in_any_script_is_answered_by_the_endpoint_with_a_detail(string character)
    {
        var data = Directory.CreateTempSubdirectory("companion-long-query-").FullName;
        await using var silo = await SiloProcess.StartAsync(data, AdminToken);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var created = await (await http.PostAsJsonAsync("/v1/users", new { displayName = "Robin" })).Content.ReadFromJsonAsync<JsonElement>();
        var user = created.GetProperty("userId").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("token").GetString());

        var query = Uri.EscapeDataString(string.Concat(Enumerable.Repeat(character, 10_000 / character.Length)));
        using var response = await http.GetAsync($"/v1/users/{user}/search?q={query}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'q'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
