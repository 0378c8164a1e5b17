using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Companion.Domain.Lorebooks;

/// <summary>
/// Finds a key in scanned text: as a substring (case-insensitive unless asked, at word boundaries
/// when asked) or as a regex. A regex runs with <see cref="RegexOptions.NonBacktracking"/> where
/// the pattern allows it (linear time whatever the input), otherwise backtracking under
/// <see cref="MatchTimeout"/> (backreferences, lookarounds); and all backtracking regexes of one scan share
/// <see cref="ScanRegexBudget"/> (linear ones are not timed: their first match builds the automaton, which on a
/// busy machine can take longer than any budget without ever being unbounded). A
/// pattern that is invalid, times out, or finds the budget spent is not a match, and is noted,
/// so a hostile key can never stall the grain that builds a context.
/// </summary>
internal sealed class LoreKeyMatcher
{
    /// <summary>The longest one regex may run on one text.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    /// <summary>The most time all regexes of one context may take together.</summary>
    public static readonly TimeSpan ScanRegexBudget = TimeSpan.FromMilliseconds(250);

    private const int CacheLimit = 1_024;
    private static readonly ConcurrentDictionary<(string Pattern, RegexOptions Options), Regex?> Compiled = new();

    private readonly Stopwatch _regexTime = new();

    public List<LoreNote> Notes { get; } = [];

    public bool Matches(string entryId, string key, string text, bool caseSensitive, bool wholeWords, bool regex)
    {
        if (key.Length == 0)
        {
            return false;
        }

        if (regex || IsSlashedRegex(key))
        {
            return RegexMatches(entryId, key, text, caseSensitive);
        }

        var comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        for (var at = text.IndexOf(key, comparison); at >= 0; at = text.IndexOf(key, at + 1, comparison))
        {
            if (!wholeWords || (IsBoundary(text, at - 1) && IsBoundary(text, at + key.Length)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>SillyTavern's way of writing a regex key: <c>/pattern/flags</c>.</summary>
    private static bool IsSlashedRegex(string key) =>
        key.Length > 2 && key[0] == '/' && key.LastIndexOf('/') is var end && end > 0 && key[(end + 1)..].All(c => "gimsuy".Contains(c, StringComparison.Ordinal));

    private static bool IsBoundary(string text, int index) => index < 0 || index >= text.Length || !char.IsLetterOrDigit(text[index]);

    private bool RegexMatches(string entryId, string key, string text, bool caseSensitive)
    {
        var (pattern, options) = Pattern(key, caseSensitive);
        var compiled = Compile(pattern, options);
        if (compiled is null)
        {
            Notes.Add(new LoreNote(entryId, $"Pattern '{Shorten(key)}' is not a valid regular expression; the entry was not matched by it."));
            return false;
        }

        if (compiled.Options.HasFlag(RegexOptions.NonBacktracking))
        {
            return compiled.IsMatch(text);
        }

        if (_regexTime.Elapsed >= ScanRegexBudget)
        {
            Notes.Add(new LoreNote(entryId, $"Pattern '{Shorten(key)}' was not tried: this context's time for backtracking patterns ({ScanRegexBudget.TotalMilliseconds:0} ms) was spent."));
            return false;
        }

        _regexTime.Start();
        try
        {
            return compiled.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            Notes.Add(new LoreNote(entryId, $"Pattern '{Shorten(key)}' took longer than {MatchTimeout.TotalMilliseconds:0} ms and was skipped; simplify it (nested repetition such as (a+)+ backtracks without end)."));
            return false;
        }
        finally
        {
            _regexTime.Stop();
        }
    }

    private static (string Pattern, RegexOptions Options) Pattern(string key, bool caseSensitive)
    {
        var options = RegexOptions.CultureInvariant;
        if (IsSlashedRegex(key))
        {
            var end = key.LastIndexOf('/');
            var flags = key[(end + 1)..];
            options |= flags.Contains('i', StringComparison.Ordinal) ? RegexOptions.IgnoreCase : RegexOptions.None;
            options |= flags.Contains('s', StringComparison.Ordinal) ? RegexOptions.Singleline : RegexOptions.None;
            options |= flags.Contains('m', StringComparison.Ordinal) ? RegexOptions.Multiline : RegexOptions.None;
            return (key[1..end], options);
        }

        return (key, caseSensitive ? options : options | RegexOptions.IgnoreCase);
    }

    private static Regex? Compile(string pattern, RegexOptions options)
    {
        if (Compiled.TryGetValue((pattern, options), out var cached))
        {
            return cached;
        }

        Regex? regex;
        try
        {
            // Linear in the input whatever the pattern, so no timeout: one would only misfire on a busy machine
            // while the lazily built automaton warms up. Keys are short, so building it is bounded too.
            regex = new Regex(pattern, options | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds, atomic groups: the timeout is what bounds these.
            regex = Backtracking(pattern, options);
        }
        catch (ArgumentException)
        {
            regex = null;
        }

        if (Compiled.Count >= CacheLimit)
        {
            Compiled.Clear();
        }

        Compiled[(pattern, options)] = regex;
        return regex;
    }

    private static Regex? Backtracking(string pattern, RegexOptions options)
    {
        try
        {
            return new Regex(pattern, options, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Shorten(string key) => key.Length <= 60 ? key : key[..60] + "…";
}
