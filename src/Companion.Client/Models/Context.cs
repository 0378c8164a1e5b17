using System.Text.Json;

namespace Companion.Client;

/// <summary>What a model needs to speak as a companion, cut to a character budget.</summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="Name">Its name.</param>
/// <param name="Persona">Its persona now.</param>
/// <param name="PinnedMemories">Pinned memories, oldest first.</param>
/// <param name="SalientMemories">The most salient other memories.</param>
/// <param name="RecentMessages">The newest messages, oldest first.</param>
/// <param name="BudgetChars">The budget asked for.</param>
/// <param name="UsedChars">How much of it the context uses.</param>
/// <param name="LeftOut">How many memories and messages did not fit.</param>
/// <param name="HiddenBeforeVersion">While a reset is in force, nothing before this log version is shown (0: none).</param>
/// <param name="Lore">Lorebook entries included: constant ones, and those whose keys occur in the recent messages or the query.</param>
/// <param name="LoreNotes">Lorebook entries that matched and were left out, and why.</param>
/// <param name="PinnedRuntime">The model the companion is pinned to, when it is.</param>
/// <param name="Recalled">Memories and past messages recalled for <paramref name="RecallQuery"/>, most relevant first.</param>
/// <param name="RecallQuery">What was recalled for: the query given, or the newest user message; null when nothing was.</param>
/// <param name="BudgetTokens">The budget in tokens, when one was given.</param>
/// <param name="UsedTokens">The tokens used, when a token budget was given.</param>
/// <param name="Tokenizer">The tokenizer that counted them.</param>
public sealed record MemoryContext(
    string CompanionId,
    string Name,
    Persona Persona,
    IReadOnlyList<Memory> PinnedMemories,
    IReadOnlyList<Memory> SalientMemories,
    IReadOnlyList<Message> RecentMessages,
    int BudgetChars,
    int UsedChars,
    int LeftOut,
    long HiddenBeforeVersion,
    IReadOnlyList<LoreInclusion> Lore,
    IReadOnlyList<LoreNote> LoreNotes,
    ModelProducer? PinnedRuntime,
    IReadOnlyList<RecalledItem>? Recalled,
    string? RecallQuery,
    int? BudgetTokens,
    int? UsedTokens,
    string? Tokenizer);

/// <summary>A companion's persona (Character Card V2 fields).</summary>
/// <param name="Description">Who the companion is.</param>
/// <param name="Personality">Its temperament.</param>
/// <param name="Scenario">The setting of its conversations.</param>
/// <param name="FirstMessage">How it opens a conversation.</param>
/// <param name="ExampleMessages">Examples of how it speaks.</param>
/// <param name="SystemPrompt">Instructions for the model.</param>
/// <param name="CreatorNotes">Notes from whoever wrote the persona.</param>
/// <param name="Tags">Labels.</param>
/// <param name="Extensions">Extensions as the silo sends them (a JSON object, or its text).</param>
public sealed record Persona(
    string Description,
    string Personality,
    string Scenario,
    string FirstMessage,
    string ExampleMessages,
    string SystemPrompt,
    string CreatorNotes,
    IReadOnlyList<string> Tags,
    JsonElement? Extensions);

/// <summary>A memory a companion keeps.</summary>
/// <param name="Id">The memory's id.</param>
/// <param name="Text">What it remembers.</param>
/// <param name="Kind">Its label.</param>
/// <param name="Salience">How much it matters, 0 to 1.</param>
/// <param name="Pinned">True when it is in every context.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="ForgottenAt">When it was forgotten; null while remembered.</param>
/// <param name="Version">The log version that recorded it.</param>
/// <param name="ValidFrom">When its fact began to hold in the world; null when unknown.</param>
/// <param name="ValidTo">When its fact stopped holding; null while it holds.</param>
/// <param name="Supersedes">The memory it replaced, if any.</param>
/// <param name="SupersededBy">The memory that replaced it, if any: then it is history, not a current fact.</param>
public sealed record Memory(
    string Id, string Text, string Kind, double Salience, bool Pinned, DateTimeOffset RecordedAt, DateTimeOffset? ForgottenAt, long Version,
    DateTimeOffset? ValidFrom = null, DateTimeOffset? ValidTo = null, string? Supersedes = null, string? SupersededBy = null);

/// <summary>A message of a conversation.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="SessionId">Its session.</param>
/// <param name="Role">Who spoke.</param>
/// <param name="Text">What was said.</param>
/// <param name="Producer">The model that produced a companion message, when it was named.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Version">Its log version.</param>
public sealed record Message(string MessageId, string SessionId, MessageRole Role, string Text, ModelProducer? Producer, DateTimeOffset At, long Version);

/// <summary>The model (and runtime) that produced a message.</summary>
/// <param name="Model">The model id.</param>
/// <param name="Runtime">The runtime that ran it, when named.</param>
/// <param name="RuntimeVersion">The runtime's version, when named.</param>
public sealed record ModelProducer(string Model, string? Runtime, string? RuntimeVersion);
