using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Domain.Events;
using Companion.Domain.Projections.Recall;
using Companion.Grains;
using Companion.Recall;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Appends through the grain with each user's recall index live (built by a first search, then
/// caught up in the background after every append, with the local model embedding), beside the
/// same appends on a silo without recall, in one run; then how far the indexes were behind.
/// </summary>
public static partial class RecallScenario
{
    private const string Said = "I noticed I reached for reassurance again tonight, and this time I waited a minute first.";

    private static async Task AppendsAsync(int users, TimeSpan duration, int rounds)
    {
        // The sides alternate, round after round, and each is read as its median round: on a
        // shared machine the load moves within a run, and sides run one after another once each
        // would measure the load's drift as much as the index.
        var off = new List<AppendRun>();
        var keywordOnly = new List<AppendRun>();
        var on = new List<AppendRun>();
        for (var round = 0; round < rounds; round++)
        {
            off.Add(await AppendAsync(users, duration, recall: null));
            keywordOnly.Add(await AppendAsync(users, duration, recall: "none"));
            on.Add(await AppendAsync(users, duration, recall: "local"));
        }

        var median = Median(on);
        Report.Row($"append events/s, {users} users, recall index on, keyword only, vs off (median of {rounds} alternating rounds)", Median(keywordOnly).Rate, "events/s", Median(off).Rate);
        Report.Row($"append events/s, {users} users, recall index on with the local model embedding, vs off (median of {rounds} alternating rounds)", median.Rate, "events/s", Median(off).Rate);
        Report.Row("  keyword index lag when the appends stopped (events behind the log, mean over users)", median.KeywordLag, "events");
        Report.Row("  embeddings pending when the appends stopped (mean over users)", median.EmbeddingsPending, "items");
        Report.Row("  embedding throughput under the append load", median.EmbeddedPerSecond, "texts/s");
        Report.Row("  seconds until every index had caught up by keyword after the appends stopped", median.KeywordCatchUpSeconds, "s");
    }

    private static AppendRun Median(List<AppendRun> runs) => runs.OrderBy(r => r.Rate).ElementAt(runs.Count / 2);

    private static async Task<AppendRun> AppendAsync(int users, TimeSpan duration, string? recall)
    {
        using var scratch = new TempDirectory();
        await using var silo = await BenchSilo.StartAsync(scratch.File("events.db"),
            configureServices: recall is null ? null : services => services.AddRecall(o => o.Embeddings.Provider = recall));
        var sessions = await Task.WhenAll(Enumerable.Range(0, users).Select(async _ =>
        {
            var user = silo.Grains.GetGrain<IUserGrain>(Ids.New("u"));
            await user.Register("Bench");
            var companion = await user.CreateCompanion("Sol", Persona.Empty with { Description = "steady" }, null);
            var session = await user.StartSession(companion.Id, null);
            if (recall is not null)
            {
                await user.Search(Query("reassurance"));
            }

            return (User: user, Companion: companion.Id, Session: session.Id);
        }));

        var appended = 0L;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(sessions.Select(async s =>
        {
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                await s.User.RecordMessage(s.Companion, s.Session, MessageRole.User, Said, null, null);
                Interlocked.Increment(ref appended);
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (recall is null)
        {
            return new AppendRun(appended / seconds, 0, 0, 0, 0);
        }

        var atStop = await Task.WhenAll(sessions.Select(s => s.User.Search(Query("reassurance"))));
        var embedded = atStop.Sum(r => (double)(r.IndexedVersion - r.EmbeddingsPending));
        var caughtUp = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(caughtUp) < TimeSpan.FromSeconds(60)
            && (await Task.WhenAll(sessions.Select(s => s.User.Search(Query("reassurance"))))).Any(r => r.IndexedVersion < r.HeadVersion))
        {
            await Task.Delay(50);
        }

        return new AppendRun(
            appended / seconds,
            atStop.Average(r => (double)(r.HeadVersion - r.IndexedVersion)),
            atStop.Average(r => (double)r.EmbeddingsPending),
            embedded / seconds,
            Stopwatch.GetElapsedTime(caughtUp).TotalSeconds);
    }

    private static RecallQuery Query(string text) => new(text, [], null, null, null, 1);

    private sealed record AppendRun(double Rate, double KeywordLag, double EmbeddingsPending, double EmbeddedPerSecond, double KeywordCatchUpSeconds);
}
