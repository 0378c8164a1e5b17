namespace Companion.Client;

/// <summary>A practice's own fields on a journal entry; each practice uses only its own, the rest stay null.</summary>
/// <param name="OldStory">reframe-old-story: the old story ("People always leave").</param>
/// <param name="NewStory">reframe-old-story: the story that fits what happened ("Some people stay").</param>
/// <param name="Situation">imagine-secure-response: the hard moment.</param>
/// <param name="SecureResponse">imagine-secure-response: what someone secure and kind would say or do.</param>
/// <param name="With">celebrate-connection: whom the connection was with.</param>
/// <param name="WhatHappened">corrective-experience: what happened.</param>
/// <param name="WhatWasExpected">corrective-experience: what was expected to happen.</param>
/// <param name="HowItDiffered">corrective-experience: how it went differently.</param>
/// <param name="PatternNoticed">when-insecurity-shows-up: the pattern noticed.</param>
public sealed record PracticeFields(
    string? OldStory = null,
    string? NewStory = null,
    string? Situation = null,
    string? SecureResponse = null,
    string? With = null,
    string? WhatHappened = null,
    string? WhatWasExpected = null,
    string? HowItDiffered = null,
    string? PatternNoticed = null);

/// <summary>The journaling practices and the moods the silo offers, as entries are checked against them.</summary>
/// <param name="Moods">The mood labels offered.</param>
/// <param name="Practices">Each practice.</param>
public sealed record PracticeCatalog(IReadOnlyList<string> Moods, IReadOnlyList<Practice> Practices);

/// <summary>One journaling practice.</summary>
/// <param name="Kind">Its name, sent as <see cref="NewJournalEntry.Practice"/> ("reframe-old-story").</param>
/// <param name="Cadence">When it is meant to be done ("daily", "when an old story shows up").</param>
/// <param name="Prompt">The question it asks.</param>
/// <param name="Examples">Example entries.</param>
/// <param name="Fields">The fields an entry of it may carry, beside its text.</param>
public sealed record Practice(string Kind, string Cadence, string Prompt, IReadOnlyList<string> Examples, IReadOnlyList<PracticeField> Fields);

/// <summary>A field of a practice.</summary>
/// <param name="Name">Its JSON name in <see cref="PracticeFields"/> ("oldStory").</param>
/// <param name="Prompt">The question it answers.</param>
public sealed record PracticeField(string Name, string Prompt);
