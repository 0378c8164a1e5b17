using System.Text;
using Companion.Domain.State;

namespace Companion.Continuity.Rendering;

/// <summary>
/// <c>journal.md</c>: every journal entry in time order, with its date, prompt and mood, and for
/// an entry that follows a practice, the practice and its fields.
/// </summary>
internal static class JournalMarkdown
{
    public static byte[] Render(UserState state)
    {
        var text = new StringBuilder();
        var entries = state.Journal.OrderBy(e => e.WrittenAt).ThenBy(e => e.Version).ToList();
        text.Append("# Journal").Append('\n').Append('\n');
        text.Append(Owner(state)).Append(": ").Append(entries.Count).Append(entries.Count == 1 ? " entry" : " entries").Append(", oldest first.\n");
        foreach (var entry in entries)
        {
            text.Append('\n').Append("## ").Append(Markdown.Time(entry.WrittenAt)).Append('\n').Append('\n');
            text.Append("Prompt: ").Append(entry.PromptKind ?? "none").Append(" · Mood: ").Append(entry.Mood ?? "not given").Append('\n').Append('\n');
            text.Append(Markdown.Normalize(entry.Text).TrimEnd('\n')).Append('\n');
            if (entry.Practice is { } practice)
            {
                text.Append('\n').Append("Practice: ").Append(practice).Append('\n');
                foreach (var (name, value) in entry.Fields?.Given() ?? [])
                {
                    text.Append("- ").Append(name).Append(": ").Append(Markdown.Indent(value, "  ")).Append('\n');
                }
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    internal static string Owner(UserState state) =>
        string.IsNullOrWhiteSpace(state.DisplayName) ? $"User {state.UserId}" : state.DisplayName;
}
