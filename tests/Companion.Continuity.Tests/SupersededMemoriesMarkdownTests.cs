using System.Text;
using Companion.Continuity.Rendering;
using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Continuity.Tests;

public sealed class SupersededMemoriesMarkdownTests
{
    [Fact]
    public void A_superseded_memory_stays_in_memories_md_marked_with_the_memory_that_replaced_it()
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var state = new UserEvent[]
        {
            new UserRegistered("u_robin0000", "Robin", at),
            new CompanionCreated("c_sol", "Sol", Persona.Empty, null, at),
            new MemoryRecorded("c_sol", "m_lyon", "Robin lives in Lyon.", "fact", 0.5, false, null, at),
            new MemoryRecorded("c_sol", "m_oslo", "Robin lives in Oslo.", "fact", 0.5, false, null, at.AddDays(1), "m_lyon"),
        }.Aggregate(UserState.Empty, UserStateApply.Apply);

        var memories = Encoding.UTF8.GetString(MemoriesMarkdown.Render(state));

        Assert.Contains("- **Superseded by m_oslo.** 2026-03-01 09:00:00 UTC · fact · salience 0.5\n  Robin lives in Lyon.", memories);
        Assert.Contains("Robin lives in Oslo.", memories);
    }
}
