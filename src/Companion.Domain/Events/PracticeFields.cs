using System.Text.Json.Serialization;

namespace Companion.Domain.Events;

/// <summary>
/// The structured part of a journaling practice's entry, in the person's own words. Each practice
/// uses only its own fields (the catalogue, <c>seeds/journal-prompts.json</c>, names them); the rest
/// stay null and are left out of the stored JSON. A name not listed here is refused, not dropped.
/// </summary>
/// <param name="OldStory">reframe-old-story: the old story ("People always leave").</param>
/// <param name="NewStory">reframe-old-story: the story that fits what happened ("Some people stay").</param>
/// <param name="Situation">imagine-secure-response: the hard moment.</param>
/// <param name="SecureResponse">imagine-secure-response: what someone secure and kind would say or do.</param>
/// <param name="With">celebrate-connection: whom the connection was with.</param>
/// <param name="WhatHappened">corrective-experience: what happened.</param>
/// <param name="WhatWasExpected">corrective-experience: what was expected to happen.</param>
/// <param name="HowItDiffered">corrective-experience: how it went differently.</param>
/// <param name="PatternNoticed">when-insecurity-shows-up: the pattern noticed.</param>
[Immutable, GenerateSerializer, Alias("companion.practice-fields")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PracticeFields(
    [property: Id(0), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OldStory = null,
    [property: Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NewStory = null,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Situation = null,
    [property: Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SecureResponse = null,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? With = null,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WhatHappened = null,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WhatWasExpected = null,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HowItDiffered = null,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PatternNoticed = null)
{
    /// <summary>Every field name there is, as JSON and the catalogue spell it.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. new PracticeFields().All().Select(f => f.Name)];

    /// <summary>Every field with its JSON name, given or not, in the order above.</summary>
    public IEnumerable<(string Name, string? Value)> All()
    {
        yield return ("oldStory", OldStory);
        yield return ("newStory", NewStory);
        yield return ("situation", Situation);
        yield return ("secureResponse", SecureResponse);
        yield return ("with", With);
        yield return ("whatHappened", WhatHappened);
        yield return ("whatWasExpected", WhatWasExpected);
        yield return ("howItDiffered", HowItDiffered);
        yield return ("patternNoticed", PatternNoticed);
    }

    /// <summary>The fields that were given, with their JSON names.</summary>
    public IEnumerable<(string Name, string Value)> Given() =>
        All().Where(f => f.Value is not null).Select(f => (f.Name, f.Value ?? ""));
}
