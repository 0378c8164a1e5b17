namespace Companion.Cli;

/// <summary>Where the CLI writes, what it reads from the environment and how it reaches a silo; tests pass their own.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Failures and progress.</param>
/// <param name="Environment">Reads an environment variable.</param>
/// <param name="Http">Sends HTTP requests; null for a plain <see cref="HttpClientHandler"/>.</param>
/// <param name="Interactive">True to draw progress bars (a terminal is watching).</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, Func<string, string?> Environment, HttpMessageHandler? Http, bool Interactive)
{
    /// <summary>The process's console and environment.</summary>
    public static CliContext FromConsole() =>
        new(Console.Out, Console.Error, System.Environment.GetEnvironmentVariable, null, !Console.IsErrorRedirected);
}
