using Companion.Cli.Simulate;

namespace Companion.Cli.Tests;

public sealed class SeedFileTests
{
    private static SeedCatalog Seeds() =>
        SeedCatalog.Load(SeedCatalog.Find(Directory.GetCurrentDirectory()) ?? throw new DirectoryNotFoundException("no seeds folder above the test directory"));

    [Fact]
    public void The_journal_prompts_hold_every_practice_with_a_prompt_and_examples_and_moods()
    {
        var journal = Seeds().Journal;

        Assert.Equal(
            ["celebrate-connection", "corrective-experience", "imagine-secure-response", "internal-weather-report", "reframe-old-story", "secure-base-check-in", "when-insecurity-shows-up"],
            journal.Prompts.Select(p => p.Kind).Order(StringComparer.Ordinal));
        Assert.All(journal.Prompts, p => Assert.False(string.IsNullOrWhiteSpace(p.Prompt)));
        Assert.All(journal.Prompts, p => Assert.NotEmpty(p.Examples));
        Assert.Contains("people always leave", journal.Prompts.Single(p => p.Kind == "reframe-old-story").Prompt);
        Assert.Equal("daily", journal.Prompts.Single(p => p.Kind == "secure-base-check-in").Cadence);
        Assert.NotEmpty(journal.Moods);
    }

    [Fact]
    public void There_are_four_to_six_personas_with_every_card_field_and_every_demo_user_talks_to_known_ones()
    {
        var seeds = Seeds();

        Assert.InRange(seeds.Personas.Count, 4, 6);
        Assert.All(seeds.Personas, p => Assert.All(
            [p.Name, p.Description, p.Personality, p.Scenario, p.FirstMessage, p.ExampleMessages, p.SystemPrompt, p.CreatorNotes],
            field => Assert.False(string.IsNullOrWhiteSpace(field))));
        Assert.Equal(seeds.Personas.Count, seeds.Personas.Select(p => p.Name).Distinct().Count());
        Assert.All(seeds.Users.SelectMany(u => u.Personas), name => Assert.Contains(name, seeds.Personas.Select(p => p.Name)));
    }

    [Fact]
    public void The_conversation_lines_have_user_and_companion_lines_and_memories_with_kinds()
    {
        var lines = Seeds().Lines;

        Assert.NotEmpty(lines.User);
        Assert.NotEmpty(lines.Companion);
        Assert.All(lines.Memories, m => Assert.Matches("^[a-z-]{1,40}$", m.Kind));
    }
}
