using Spectre.Console;

namespace Companion.Cli;

/// <summary>A progress bar on stderr while long archives move, only when a terminal is watching.</summary>
internal static class CliProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports how far it got (of <paramref name="total"/>, when known).</summary>
    public static async Task<T> RunAsync<T>(CliContext context, string label, long? total, Func<IProgress<long>, Task<T>> work)
    {
        if (!context.Interactive)
        {
            return await work(new Reported(_ => { }));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(label, maxValue: total ?? 1);
                task.IsIndeterminate = total is null;
                var result = await work(new Reported(done => task.Value = total is null ? 0 : Math.Min(done, total.Value)));
                task.StopTask();
                return result;
            });
    }

    /// <summary>Reports on the caller's thread, in order (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class Reported(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
