namespace Companion.Continuity.Cards;

/// <summary>The Character Card specifications this service reads and writes.</summary>
public static class CardSpec
{
    /// <summary>Character Card V2's <c>spec</c>.</summary>
    public const string V2 = "chara_card_v2";

    /// <summary>Character Card V3's <c>spec</c>.</summary>
    public const string V3 = "chara_card_v3";

    /// <summary>The persona's text fields and the card fields that hold them.</summary>
    public static readonly IReadOnlyList<(string Card, Func<Domain.Events.Persona, string> Value)> TextFields =
    [
        ("description", p => p.Description),
        ("personality", p => p.Personality),
        ("scenario", p => p.Scenario),
        ("first_mes", p => p.FirstMessage),
        ("mes_example", p => p.ExampleMessages),
        ("system_prompt", p => p.SystemPrompt),
        ("creator_notes", p => p.CreatorNotes),
    ];
}
