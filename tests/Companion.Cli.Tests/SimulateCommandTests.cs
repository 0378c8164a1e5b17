using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Companion.Cli.Tests;

public sealed class SimulateCommandTests(SimulationSilo silo) : IClassFixture<SimulationSilo>
{
    [Fact]
    public async Task Simulate_with_3_users_exits_0_with_no_errors_and_its_counts_match_the_users_logs()
    {
        var cli = new Cli();

        var exit = await silo.RunCliAsync(cli, "simulate", "--url", "http://localhost", "--token", SimulationSilo.AdminToken,
            "--users", "3", "--minutes", "0.05", "--rate", "600", "--seed", "7");

        var output = cli.Out.ToString();
        Assert.True(exit == 0, output + cli.Error);
        Assert.Matches(@"errors\s+0 \(none\)", output);
        var users = Regex.Match(output, "^users: (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim().Split(' ');
        Assert.Equal(3, users.Length);

        // What each user's log holds, as the operator's figures count it (the admin token reads no words).
        var types = new Dictionary<string, long>(StringComparer.Ordinal);
        long heads = 0;
        using var admin = silo.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SimulationSilo.AdminToken);
        foreach (var user in users)
        {
            var figures = await admin.GetFromJsonAsync<JsonElement>($"/admin/api/users/{user}");
            heads += figures.GetProperty("streamVersion").GetInt64();
            foreach (var count in figures.GetProperty("eventsByType").EnumerateObject())
            {
                types[count.Name] = types.GetValueOrDefault(count.Name) + count.Value.GetInt64();
            }
        }

        long Logged(string type) => types.GetValueOrDefault(type);
        Assert.Equal(heads, Summary(output, "events"));
        Assert.Equal(3, Ok(output, "create-user"));
        Assert.Equal(Logged("companion-created"), Ok(output, "create-companion"));
        Assert.Equal(Logged("session-started"), Ok(output, "start-session"));
        Assert.Equal(Logged("session-ended"), Ok(output, "end-session"));
        Assert.Equal(Logged("message-recorded"), Ok(output, "user-message") + Ok(output, "companion-message"));
        Assert.Equal(Logged("memory-recorded"), Ok(output, "memory"));
        Assert.Equal(Logged("journal-entry-written"), Ok(output, "journal"));
        Assert.True(Logged("message-recorded") > 0 && Logged("journal-entry-written") > 0, string.Join(",", types.Keys));
        Assert.Equal(Summary(output, "requests"), new[] { "create-user", "create-companion", "start-session", "end-session", "user-message", "companion-message", "memory", "journal", "context" }.Sum(k => Ok(output, k)));
    }

    [Fact]
    public async Task Simulate_with_a_bad_token_exits_1_and_says_the_silo_refused_to_create_a_user()
    {
        var cli = new Cli();

        var exit = await silo.RunCliAsync(cli, "simulate", "--url", "http://localhost", "--token", "not-the-admin", "--users", "2", "--minutes", "0.05");

        Assert.Equal(1, exit);
        Assert.Contains("error: the silo refused to create a user: 401", cli.Error.ToString());
    }

    [Fact]
    public async Task Simulate_exits_2_and_names_the_folder_when_the_seeds_folder_is_missing()
    {
        var cli = new Cli();

        var exit = await silo.RunCliAsync(cli, "simulate", "--token", "t", "--seeds", "no-such-seeds");

        Assert.Equal(2, exit);
        Assert.Contains("error: no such seeds folder:", cli.Error.ToString());
    }

    private static long Summary(string output, string row) =>
        long.Parse(Regex.Match(output, $@"^{row}\s+(\d+)", RegexOptions.Multiline).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static int Ok(string output, string kind) =>
        Regex.Match(output, $@"\|\s*{kind}\s*\|\s*(\d+)\s*\|") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
