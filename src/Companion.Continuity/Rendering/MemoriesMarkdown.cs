using System.Globalization;
using System.Text;
using Companion.Domain.State;

namespace Companion.Continuity.Rendering;

/// <summary>
/// <c>memories.md</c>: what each companion remembers, oldest first. Forgotten memories stay,
/// marked as forgotten with the date: forgetting hides a memory from the companion, not from its owner.
/// Superseded memories stay too, marked with the memory that replaced them, and memories whose
/// fact ended, marked with when it ended.
/// </summary>
internal static class MemoriesMarkdown
{
    public static byte[] Render(UserState state)
    {
        var text = new StringBuilder();
        text.Append("# Memories\n");
        foreach (var companion in state.Companions.Values)
        {
            text.Append('\n').Append("## ").Append(companion.Name).Append(" (").Append(companion.Id).Append(")\n\n");
            var memories = companion.Memories.Values.OrderBy(m => m.Version).ToList();
            if (memories.Count == 0)
            {
                text.Append("No memories.\n");
                continue;
            }

            foreach (var memory in memories)
            {
                text.Append("- ");
                if (memory.ForgottenAt is { } forgotten)
                {
                    text.Append("**Forgotten on ").Append(Markdown.Time(forgotten)).Append(".** ");
                }

                if (memory.SupersededBy is { } successor)
                {
                    // A fact that changed stays, as history: the reader sees which memory replaced it.
                    text.Append("**Superseded by ").Append(successor).Append(".** ");
                }
                else if (memory.ValidTo is { } ended)
                {
                    // A fact that ended with nothing in its place stays too, with its end in world time.
                    text.Append("**Ended on ").Append(Markdown.Time(ended)).Append(".** ");
                }

                text.Append(Markdown.Time(memory.RecordedAt)).Append(" · ").Append(memory.Kind)
                    .Append(" · salience ").Append(memory.Salience.ToString("0.##", CultureInfo.InvariantCulture));
                if (memory.Pinned)
                {
                    text.Append(" · pinned");
                }

                text.Append('\n').Append("  ").Append(Markdown.Indent(Markdown.Normalize(memory.Text).TrimEnd('\n'), "  ")).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
