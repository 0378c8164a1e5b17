using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Companion.Cli.Simulate;

/// <summary>The live view while traffic runs, and the summary at the end.</summary>
internal static class SimulationReport
{
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/> while showing progress on stderr: a live table on a terminal, otherwise a line every few seconds.</summary>
    public static async Task<T> WatchAsync<T>(CliContext context, SimulationStats stats, Task<T> work)
    {
        if (context.Interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
            await console.Live(Live(stats)).AutoClear(true).StartAsync(async live =>
            {
                while (await Task.WhenAny(work, Task.Delay(500)) != work)
                {
                    live.UpdateTarget(Live(stats));
                }
            });
            return await work;
        }

        while (await Task.WhenAny(work, Task.Delay(LineInterval)) != work)
        {
            context.Error.WriteLine(FormattableString.Invariant(
                $"simulate: {stats.Elapsed:mm\\:ss} elapsed, {stats.Requests} requests, {stats.Errors} errors, {stats.RequestsPerSecond:0.0} req/s"));
        }

        return await work;
    }

    /// <summary>Writes the summary table to <paramref name="output"/>, plain text.</summary>
    public static void WriteSummary(TextWriter output, SimulationStats stats)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 100;
        console.Write(Totals(stats));
        console.Write(LatencyTable(stats));
    }

    private static IRenderable Live(SimulationStats stats) => new Panel(Totals(stats)).Header("companion simulate");

    private static Grid Totals(SimulationStats stats)
    {
        var grid = new Grid().AddColumn().AddColumn();
        var errors = stats.ErrorsByStatus.Count == 0
            ? "none"
            : string.Join(", ", stats.ErrorsByStatus.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}"));
        grid.AddRow("elapsed", stats.Elapsed.ToString(@"mm\:ss\.f", CultureInfo.InvariantCulture));
        grid.AddRow("requests", stats.Requests.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("requests/s", stats.RequestsPerSecond.ToString("0.0", CultureInfo.InvariantCulture));
        grid.AddRow("errors", Markup.Escape($"{stats.Errors} ({errors})"));
        grid.AddRow("retried", stats.Retried.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("users", stats.Heads.Count.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("events", stats.Heads.Values.Sum().ToString(CultureInfo.InvariantCulture));
        return grid;
    }

    private static Table LatencyTable(SimulationStats stats)
    {
        var table = new Table().Border(TableBorder.Ascii).AddColumns("kind", "ok", "p50 ms", "p95 ms", "p99 ms");
        foreach (var (kind, latencies) in stats.Latencies.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var sorted = latencies.Order().ToArray();
            table.AddRow(kind, sorted.Length.ToString(CultureInfo.InvariantCulture),
                Ms(SimulationStats.Percentile(sorted, 50)), Ms(SimulationStats.Percentile(sorted, 95)), Ms(SimulationStats.Percentile(sorted, 99)));
        }

        return table;
    }

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
