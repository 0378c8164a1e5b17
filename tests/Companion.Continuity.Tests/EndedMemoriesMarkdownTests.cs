using System.Text;
using Companion.Continuity.Rendering;
using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Continuity.Tests;

public sealed class EndedMemoriesMarkdownTests
{
    [Fact]
    public void A_memory_whose_fact_ended_stays_in_memories_md_marked_with_when_it_ended()
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var state = new UserEvent[]
        {
            new UserRegistered("u_robin0000", "Robin", at),
            new CompanionCreated("c_sol", "Sol", Persona.Empty, null, at),
            new MemoryRecorded("c_sol", "m_sam", "Robin is seeing Sam.", "relationship", 0.8, false, null, at),
            new MemoryRecorded("c_sol", "m_cat", "Robin has a cat.", "fact", 0.5, false, null, at),
            new MemoryEnded("c_sol", "m_sam", new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), "we broke up", null, at.AddDays(3)),
        }.Aggregate(UserState.Empty, UserStateApply.Apply);

        var memories = Encoding.UTF8.GetString(MemoriesMarkdown.Render(state));

        Assert.Contains("- **Ended on 2026-03-03 00:00:00 UTC.** 2026-03-01 09:00:00 UTC · relationship · salience 0.8\n  Robin is seeing Sam.", memories);
        Assert.Contains("- 2026-03-01 09:00:00 UTC · fact · salience 0.5\n  Robin has a cat.", memories);
    }
}
