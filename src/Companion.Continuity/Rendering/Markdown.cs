using System.Globalization;

namespace Companion.Continuity.Rendering;

/// <summary>Small pieces the human-readable files share, so they read alike.</summary>
internal static class Markdown
{
    /// <summary>A time people read: <c>2026-11-23 18:40:12 UTC</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary><see cref="Time"/> appended to <paramref name="text"/> without a string of its own.</summary>
    public static void AppendTime(System.Text.StringBuilder text, DateTimeOffset time) =>
        text.Append(CultureInfo.InvariantCulture, $"{time.UtcDateTime:yyyy-MM-dd HH:mm:ss 'UTC'}");

    /// <summary>Text with every line after the first indented, so it stays inside a list item.</summary>
    public static string Indent(string text, string indent) =>
        Lines(text).Aggregate((all, line) => all + "\n" + (line.Length == 0 ? "" : indent + line));

    /// <summary>Line breaks as '\n' only, whatever the writer's platform used.</summary>
    public static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    private static string[] Lines(string text) => Normalize(text).Split('\n');
}
